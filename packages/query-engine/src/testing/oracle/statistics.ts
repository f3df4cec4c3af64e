/** Linear-interpolation quantile (PostgreSQL's percentile_cont). */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = q * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

export function statistic(kind: string, values: readonly number[]): number {
  const name = kind.replace('_count_per_actor', '');
  const q = { median: 0.5, p75: 0.75, p90: 0.9, p95: 0.95, p99: 0.99 }[name];
  if (q !== undefined) return quantile(values, q) ?? 0;
  if (values.length === 0) return 0;
  if (name === 'sum') return values.reduce((a, b) => a + b, 0);
  if (name === 'avg') return mean(values)!;
  if (name === 'min') return Math.min(...values);
  if (name === 'max') return Math.max(...values);
  throw new Error(`oracle: unknown statistic ${kind}`);
}
