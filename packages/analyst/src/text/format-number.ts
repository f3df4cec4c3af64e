const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Drops a trailing `.0`/`.00` so that `2.0 days` reads `2 days`. */
function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function isWhole(value: number): boolean {
  return Math.abs(value - Math.round(value)) < 1e-9;
}

/**
 * A number as people read it in a sentence: whole numbers grouped (`12,345`); six figures and more shortened
 * (`123.5k`, `1.2M`, `3.4B`) because the exact tail does not help at that size; fractions with one decimal from 1 up
 * (`12.3`), two below 1 (`0.25`), none from 100 up (`1,235`).
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '0';
  if (value < 0) return `-${formatNumber(-value)}`;
  if (value >= 100_000) return formatCompact(value);
  if (isWhole(value) || value >= 100) return grouped.format(Math.round(value));
  return value >= 1 ? trimZeros(value.toFixed(1)) : trimZeros(value.toFixed(2));
}

const COMPACT_UNITS: Array<[number, string]> = [
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** `1,234` → `1.2k`, `1,250,000` → `1.3M`; a value that rounds up to the next unit moves to it (`999,960` → `1M`). */
export function formatCompact(value: number): string {
  if (value < 0) return `-${formatCompact(-value)}`;
  for (let index = 0; index < COMPACT_UNITS.length; index++) {
    const [size, suffix] = COMPACT_UNITS[index]!;
    if (value < size) continue;
    const rounded = Math.round((value / size) * 10) / 10;
    const larger = COMPACT_UNITS[index - 1];
    if (rounded >= 1000 && larger)
      return `${trimZeros((Math.round((value / larger[0]) * 10) / 10).toFixed(1))}${larger[1]}`;
    return `${trimZeros(rounded.toFixed(1))}${suffix}`;
  }
  return formatNumber(value);
}

/** A share or rate with one decimal (`3.4%`); a positive value too small to show as 0.1% reads `<0.1%`, not `0.0%`. */
export function formatPercent(percent: number): string {
  if (!Number.isFinite(percent)) return '0.0%';
  if (percent > 0 && percent < 0.05) return '<0.1%';
  return `${percent.toFixed(1)}%`;
}

/** `part` as a percentage of `whole`; 0 when `whole` is 0 so no caller divides by zero. */
export function percentOf(part: number, whole: number): number {
  return whole === 0 ? 0 : (part / whole) * 100;
}

/** A signed whole number for nets (`+12`, `-35`, `0`). */
export function formatSigned(value: number): string {
  const text = formatNumber(Math.abs(value));
  if (text === '0') return '0';
  return value > 0 ? `+${text}` : `-${text}`;
}
