/**
 * A generated event, in the shape capture hands to ingestion (`CapturedEvent` of the gateway's `capture/`),
 * declared here structurally because the admin CLI does not import the gateway's sources.
 */
export type GeneratedEvent = {
  uuid: string;
  event: string;
  distinct_id: string;
  properties: Record<string, unknown>;
  /** ISO 8601 UTC with milliseconds. */
  timestamp: string;
};
