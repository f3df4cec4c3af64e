import { BREAKDOWN_NULL_MARKER, BREAKDOWN_OTHER_MARKER } from '../breakdowns/markers.js';
import { compareNatural } from '../breakdowns/natural-order.js';
import { evaluateFormula, type Formula } from '../formulas/formula.js';
import type { FormulaNode } from '../formulas/formula-nodes.js';
import type { TrendsResultItem } from './trends-result.js';

interface FormulaOptions {
  hasBreakdown: boolean;
  hasCompare: boolean;
  totalValue: boolean;
  order: number;
}

function groupKey(item: TrendsResultItem, hasBreakdown: boolean): string | string[] {
  return hasBreakdown ? (item.breakdown_value ?? '') : (item.compare_label ?? '');
}

function sameKey(left: string | string[], right: string | string[]): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

function applyToGroup(
  group: TrendsResultItem[],
  node: FormulaNode,
  formula: Formula,
  options: FormulaOptions,
): TrendsResultItem {
  const base: TrendsResultItem = structuredClone(group[0]!);
  base.label = node.custom_name || `Formula (${node.formula})`;
  base.action = null;
  base.order = options.order;
  if (options.totalValue) {
    base.aggregated_value = evaluateFormula(
      formula,
      group.map((item) => item.aggregated_value ?? 0),
    );
    base.data = null;
    base.count = 0;
  } else {
    const length = group[0]!.data?.length ?? 0;
    const data = Array.from({ length }, (_, index) =>
      evaluateFormula(
        formula,
        group.map((item) => item.data?.[index] ?? 0),
      ),
    );
    base.data = data;
    base.count = data.reduce((sum, value) => sum + value, 0);
  }
  return base;
}

function breakdownPriority(item: TrendsResultItem): number {
  if (item.breakdown_value === BREAKDOWN_NULL_MARKER) return -1;
  if (item.breakdown_value === BREAKDOWN_OTHER_MARKER) return -2;
  return 0;
}

function compareData(left: number[] | null, right: number[] | null): number {
  const a = left ?? [];
  const b = right ?? [];
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    if (a[index] !== b[index]) return a[index]! - b[index]!;
  }
  return a.length - b.length;
}

/** PostHog's ordering of formula results with a breakdown: real values, null, other; then by total, all descending. */
function compareBreakdownFormulaResults(left: TrendsResultItem, right: TrendsResultItem): number {
  const total = (item: TrendsResultItem) =>
    item.aggregated_value ?? (item.data ?? []).reduce((sum, value) => sum + value, 0);
  const keys: Array<(item: TrendsResultItem) => number> = [breakdownPriority, total, (item) => item.count];
  for (const key of keys) {
    const difference = key(right) - key(left);
    if (difference !== 0) return difference;
  }
  const byData = compareData(right.data, left.data);
  if (byData !== 0) return byData;
  const repr = (item: TrendsResultItem) => JSON.stringify(item.breakdown_value ?? '');
  return repr(right) < repr(left) ? -1 : repr(right) > repr(left) ? 1 : 0;
}

/**
 * One formula over one period's per-series results (§2.5, PostHog's `apply_formula`): grouped by breakdown value
 * (or compare label), a missing value in one series counting as zeros.
 */
export function applyFormula(
  node: FormulaNode,
  formula: Formula,
  seriesResults: readonly TrendsResultItem[][],
  options: FormulaOptions,
): TrendsResultItem[] {
  if (seriesResults.length === 0) return [];
  if (!options.hasBreakdown && !options.hasCompare) {
    const firsts = seriesResults.map((results) => results[0]);
    if (firsts.some((item) => item === undefined)) return [];
    return [applyToGroup(firsts as TrendsResultItem[], node, formula, options)];
  }

  const keys: Array<string | string[]> = [];
  for (const results of seriesResults) {
    for (const item of results) {
      const key = groupKey(item, options.hasBreakdown);
      if (!keys.some((known) => sameKey(known, key))) keys.push(key);
    }
  }
  keys.sort(compareNatural);

  const computed: TrendsResultItem[] = [];
  for (const key of keys) {
    const anyResult = seriesResults
      .flat()
      .find((item) => sameKey(groupKey(item, options.hasBreakdown), key)) as TrendsResultItem;
    const group = seriesResults.map((results) => {
      const match = results.find((item) => sameKey(groupKey(item, options.hasBreakdown), key));
      if (match) return match;
      const length = seriesResults[0]?.[0]?.data?.length ?? anyResult.data?.length ?? 0;
      return { ...anyResult, data: new Array<number>(length).fill(0), count: 0, aggregated_value: 0, action: null };
    });
    computed.push(applyToGroup(group, node, formula, options));
  }

  if (options.hasCompare) {
    // Stable sorts: count DESC, then compare_label ASC (PostHog's multisort).
    return computed
      .map((item, index) => ({ item, index }))
      .sort(
        (a, b) =>
          (a.item.compare_label ?? '').localeCompare(b.item.compare_label ?? '') ||
          b.item.count - a.item.count ||
          a.index - b.index,
      )
      .map(({ item }) => item);
  }
  return computed.sort(compareBreakdownFormulaResults);
}
