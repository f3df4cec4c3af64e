import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

type OptionsConfig = NonNullable<Parameters<typeof parseArgs>[0]>['options'] & {};
type StrictConfig<Options extends OptionsConfig> = {
  args: string[];
  options: Options;
  strict: true;
  allowPositionals: false;
};
type ParsedValues<Options extends OptionsConfig> = ReturnType<typeof parseArgs<StrictConfig<Options>>>['values'];

/** `parseArgs` in strict mode (no positionals, no unknown options), its complaints turned into usage errors. */
export function parseOptions<const Options extends OptionsConfig>(
  args: readonly string[],
  options: Options,
): ParsedValues<Options> {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) throw new UsageError((error as Error).message);
    throw error;
  }
}

export function requiredText(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${flag} is required`);
  return value;
}

/** auth and insights ids are `serial` (int4). */
const MAX_ID = 2_147_483_647;

export function parseId(value: string, flag: string): number {
  const id = /^[1-9][0-9]*$/.test(value) ? Number(value) : Number.NaN;
  if (!(id <= MAX_ID)) throw new UsageError(`${flag} must be a positive integer id (got "${value}")`);
  return id;
}

export function requiredId(value: string | undefined, flag: string): number {
  return parseId(requiredText(value, flag), flag);
}

/** An instant in ISO 8601 with its offset (`2026-01-01T00:00:00Z`); a local time without one is refused. */
export function parseInstant(value: string, flag: string): Date {
  const date = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
    ? new Date(value)
    : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()))
    throw new UsageError(`${flag} must be an ISO 8601 instant such as 2026-01-01T00:00:00Z (got "${value}")`);
  return date;
}

/** `a,b,c` → `['a','b','c']`, ignoring blanks around commas; an empty list is a usage error. */
export function parseList(value: string, flag: string): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) throw new UsageError(`${flag} needs at least one value`);
  return items;
}

export function parseIdList(value: string, flag: string): number[] {
  return parseList(value, flag).map((item) => parseId(item, flag));
}

/** One of `allowed`, or a usage error that lists them. */
export function requiredChoice<const Choice extends string>(
  value: string | undefined,
  flag: string,
  allowed: readonly Choice[],
): Choice {
  const given = requiredText(value, flag);
  const choice = allowed.find((candidate) => candidate === given);
  if (choice === undefined) throw new UsageError(`${flag} must be one of ${allowed.join('|')} (got "${given}")`);
  return choice;
}
