/** `<prefix>.events.<type>`, e.g. `insights.events.insight.updated`. */
export function eventSubject(prefix: string, type: string): string {
  return `${prefix}.events.${type}`;
}

/** Every event subject of a prefix: what the stream captures. */
export function allEventsSubject(prefix: string): string {
  return `${prefix}.events.>`;
}

/** `<PREFIX uppercased, non-alphanumerics → _>_EVENTS`, e.g. `INSIGHTS_EVENTS`. */
export function eventStreamName(prefix: string): string {
  return `${prefix.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_EVENTS`;
}
