import type { TrendsFilter } from '../schema/trends-query.js';

export interface FormulaNode {
  formula: string;
  custom_name: string | null;
}

/** `formulaNodes`, or the legacy `formulas` / `formula` converted to nodes (§2.1). Blank formulas are ignored. */
export function formulaNodesOf(filter: TrendsFilter | null | undefined): FormulaNode[] {
  if (!filter) return [];
  const nodes: FormulaNode[] = filter.formulaNodes
    ? filter.formulaNodes.map((node) => ({ formula: node.formula, custom_name: node.custom_name ?? null }))
    : filter.formulas
      ? filter.formulas.map((formula) => ({ formula, custom_name: null }))
      : filter.formula
        ? [{ formula: filter.formula, custom_name: null }]
        : [];
  return nodes.filter((node) => node.formula.trim() !== '');
}
