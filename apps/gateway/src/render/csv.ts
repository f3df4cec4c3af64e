/**
 * `format=csv` rendering (spec §17): a port of django-rest-framework-csv's `CSVRenderer` (`render`, `tablize`,
 * `flatten_item`, `nest_flat_item`) writing rows the way Python's `csv.writer` does with its default dialect.
 */

const LEVEL_SEPARATOR = '.';
const DELIMITER = ',';
const QUOTE = '"';
const LINE_TERMINATOR = '\r\n';

type FlatRow = Map<string, unknown>;

/**
 * Renders a response body as CSV text.
 *
 * `null`/`undefined` → `''`; a non-array becomes a one-row list; `[]` → `''` (the library's `tablize` returns no
 * table for empty data, so not even a header line is written).
 */
export function renderCsv(data: unknown): string {
  if (data === null || data === undefined) return '';
  const rows = Array.isArray(data) ? data : [data];
  if (rows.length === 0) return '';

  const flatRows = rows.map(flattenItem);
  const columns = new Set<string>();
  for (const row of flatRows) for (const key of row.keys()) columns.add(key);
  const header = [...columns].sort(compareCodePoints);

  const lines = [writeRow(header)];
  for (const row of flatRows) lines.push(writeRow(header.map((column) => row.get(column))));
  return lines.join('');
}

/** A row flattened one level deep: nested keys joined with `.`, list items keyed by index, a scalar under `''`. */
function flattenItem(item: unknown): FlatRow {
  if (Array.isArray(item)) return flattenEntries(item.map((value, index) => [String(index), value]));
  if (isRecord(item)) return flattenEntries(Object.entries(item));
  return new Map([['', item]]);
}

function flattenEntries(entries: [string, unknown][]): FlatRow {
  const flat: FlatRow = new Map();
  for (const [prefix, value] of entries) {
    for (const [key, cell] of flattenItem(value)) {
      flat.set(key ? `${prefix}${LEVEL_SEPARATOR}${key}` : prefix, cell);
    }
  }
  return flat;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}

/** Python's `csv.writer.writerow` with the default dialect (comma, `"`, QUOTE_MINIMAL, `\r\n`). */
function writeRow(cells: unknown[]): string {
  const fields = cells.map(cellText);
  // Python quotes a record made of one empty field so that it cannot be read back as an empty line.
  if (fields.length === 1 && fields[0] === '') return `${QUOTE}${QUOTE}${LINE_TERMINATOR}`;
  return fields.map(quoteField).join(DELIMITER) + LINE_TERMINATOR;
}

function quoteField(field: string): string {
  if (!/[,"\r\n]/.test(field)) return field;
  return QUOTE + field.replaceAll(QUOTE, QUOTE + QUOTE) + QUOTE;
}

/** `str(value)` as Python would print the JSON value (`None` → empty cell). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * Integers print as Python ints; other numbers as Python's float `repr`. JSON loses the int/float distinction, so a
 * whole float such as Python's `1.0` prints here as `1` (accepted difference).
 */
function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value)) return BigInt(value).toString();

  // toExponential() gives the shortest round-tripping digits, which is also what Python's repr uses.
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  const exponent = Number(exponentText);
  const decimalPoint = exponent + 1;

  if (decimalPoint <= -4 || decimalPoint > 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const exponentSign = exponent < 0 ? '-' : '+';
    return `${sign}${digits[0]}${fraction}e${exponentSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (decimalPoint <= 0) return `${sign}0.${'0'.repeat(-decimalPoint)}${digits}`;
  const whole = digits.slice(0, decimalPoint).padEnd(decimalPoint, '0');
  const fraction = digits.slice(decimalPoint) || '0';
  return `${sign}${whole}.${fraction}`;
}

/** Python's `sorted()` order on strings (by code point; plain `sort()` compares UTF-16 code units). */
function compareCodePoints(left: string, right: string): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const a = codePointRank(left.charCodeAt(index));
    const b = codePointRank(right.charCodeAt(index));
    if (a !== b) return a - b;
  }
  return left.length - right.length;
}

/** Moves surrogates (U+D800–U+DFFF) above U+E000–U+FFFF so code-unit order matches code-point order. */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}
