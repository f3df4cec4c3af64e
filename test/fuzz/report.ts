/**
 * What a run prints: a summary (requests per route and kind, statuses, time) and every violation with the exact
 * request to send again, keys shown as shell variables (`$KEY_A`) so that nothing secret lands in a log.
 */
import type { FuzzResult, Violation } from './runner.js';
import { requestLine } from './wire.js';
import type { FuzzWorld } from './world.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** `$KEY_A`, `$KEY_A_READ_ONLY`…: the variable a reader sets to the key of that name. */
export function keyVariables(world: FuzzWorld): Map<string, string> {
  return new Map(
    Object.entries(world.keys).map(([name, profile]) => [
      profile.key,
      `$KEY_${name.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`,
    ]),
  );
}

function masked(text: string, variables: Map<string, string>): string {
  let out = text;
  for (const [key, variable] of variables) out = out.split(key).join(variable);
  return out;
}

function clip(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}… (${text.length} chars)` : text;
}

/** The body as a printf format: printable ASCII as is, every other byte as `\xHH`. */
function printfBytes(body: Buffer): string {
  return [...body]
    .map((byte) => {
      if (byte === 0x25) return '%%';
      if (byte === 0x5c) return '\\\\';
      if (byte === 0x27) return "'\\''";
      return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
    })
    .join('');
}

export function formatViolation(violation: Violation, world: FuzzWorld, baseUrl = 'http://127.0.0.1:8000'): string {
  const { draft, reply } = violation;
  const variables = keyVariables(world);
  const line = masked(requestLine(draft), variables);
  const lines = [
    `✗ ${violation.problem}`,
    `  [${draft.route} · ${draft.label} · ${masked(draft.credentials, variables)}]`,
  ];
  lines.push(`  ${draft.method} ${clip(line, 400)}`);
  for (const [name, value] of Object.entries(draft.headers))
    lines.push(`  ${name}: ${clip(masked(value, variables), 200)}`);
  if (draft.body !== undefined) {
    let shown: string;
    try {
      shown = JSON.stringify(clip(strictUtf8.decode(draft.body), 400));
    } catch {
      shown = `(not UTF-8) ${clip(printfBytes(draft.body), 400)}`;
    }
    lines.push(`  body: ${masked(shown, variables)}`);
  }
  if (draft.reasons.length > 0) lines.push(`  must be refused: ${draft.reasons.join('; ')}`);
  lines.push(`  → ${reply.status} ${reply.contentType} ${JSON.stringify(clip(reply.text, 300))}`);
  for (const detail of violation.details ?? []) lines.push(`  | ${clip(masked(detail, variables), 400)}`);
  if ((draft.body?.length ?? 0) <= 4_000) {
    const headers = Object.entries(draft.headers)
      .map(([name, value]) => ` -H '${masked(`${name}: ${value}`, variables).replace(/'/g, "'\\''")}'`)
      .join('');
    const url = `'${baseUrl}${line.replace(/'/g, "'\\''")}'`;
    lines.push(
      draft.body === undefined
        ? `  curl -sS -X ${draft.method}${headers} ${url}`
        : `  printf '${masked(printfBytes(draft.body), variables)}' | curl -sS -X ${draft.method}${headers} --data-binary @- ${url}`,
    );
  }
  return lines.join('\n');
}

/** Violations grouped by route and kind of failure, largest group first. */
export function groupViolations(violations: readonly Violation[]): [string, Violation[]][] {
  const groups = new Map<string, Violation[]>();
  for (const violation of violations) {
    const kind = violation.problem.startsWith('answered ')
      ? violation.problem
      : violation.problem
          .replace(/\(.*\)$/, '')
          .replace(/\d+/g, 'N')
          .trim();
    const key = `${violation.draft.method} ${violation.draft.route}: ${kind}`;
    groups.set(key, [...(groups.get(key) ?? []), violation]);
  }
  return [...groups].sort((a, b) => b[1].length - a[1].length);
}

/** Every violation, grouped; `examplesPerGroup` limits how many of each group are printed in full. */
export function formatViolations(
  violations: readonly Violation[],
  world: FuzzWorld,
  examplesPerGroup = Number.POSITIVE_INFINITY,
): string {
  return groupViolations(violations)
    .map(([key, group]) => {
      const shown = group.slice(0, examplesPerGroup).map((violation) => formatViolation(violation, world));
      const more = group.length - shown.length;
      return [`■ ${key} (${group.length})`, ...shown, ...(more > 0 ? [`  … and ${more} more like these`] : [])].join(
        '\n',
      );
    })
    .join('\n\n');
}

function statuses(counts: Map<number, number>): string {
  return [...counts]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status}×${n}`)
    .join(' ');
}

export function formatSummary(result: FuzzResult, seed: number): string {
  const total = (counts: Map<number, number>) => [...counts.values()].reduce((sum, n) => sum + n, 0);
  const table = (rows: Map<string, Map<number, number>>) =>
    [...rows]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, counts]) => `  ${name.padEnd(44)} ${String(total(counts)).padStart(5)}  ${statuses(counts)}`);
  return [
    `fuzz: seed ${seed}, ${result.drafted} requests drafted, ${result.sent} sent (with isolation re-sends and ` +
      `phase 3), ${result.windows} snapshot windows, ${result.isolated} isolated re-sends, ` +
      `${result.uncheckedStateChecks} state checks skipped (consumers catching up after a crash), ` +
      `${(result.ms / 1000).toFixed(1)} s`,
    ...[...result.pendingRedelivery].map(
      ([consumer, count]) => `${count} events for ${consumer} still awaited JetStream's redelivery after a crash`,
    ),
    'by route:',
    ...table(result.byRoute),
    'by kind of request:',
    ...table(result.byLabel),
    result.violations.length === 0
      ? 'no violations'
      : `${result.violations.length} violations in ${groupViolations(result.violations).length} groups`,
  ].join('\n');
}
