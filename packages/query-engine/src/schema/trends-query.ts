import { z } from 'zod';
import { BreakdownFilter } from './breakdown-filter.js';
import { CompareFilter, GoalLines, IntervalType, insightBaseFields, ResultCustomizations } from './insight-base.js';
import { SeriesNode } from './series.js';

export const ChartDisplayType = z.enum([
  'Auto',
  'ActionsLineGraph',
  'ActionsBar',
  'ActionsUnstackedBar',
  'ActionsStackedBar',
  'ActionsAreaGraph',
  'ActionsLineGraphCumulative',
  'BoldNumber',
  'ActionsPie',
  'ActionsBarValue',
  'ActionsTable',
  'WorldMap',
  'CalendarHeatmap',
  'TwoDimensionalHeatmap',
  'BoxPlot',
  'SlopeGraph',
]);
export type ChartDisplayType = z.infer<typeof ChartDisplayType>;

export const TrendsFormulaNode = z.strictObject({ formula: z.string(), custom_name: z.string().nullish() });

/** `TrendsFilter` (§2.1): `display`, formulas and smoothing change results, the rest is presentation. */
export const TrendsFilter = z.strictObject({
  smoothingIntervals: z.number().int().nullish(),
  formula: z.string().nullish(),
  formulas: z.array(z.string()).nullish(),
  formulaNodes: z.array(TrendsFormulaNode).nullish(),
  display: ChartDisplayType.nullish(),
  showLegend: z.boolean().nullish(),
  showAlertThresholdLines: z.boolean().nullish(),
  breakdown_histogram_bin_count: z.number().int().nullish(),
  aggregationAxisFormat: z.string().nullish(),
  aggregationAxisPrefix: z.string().nullish(),
  aggregationAxisPostfix: z.string().nullish(),
  decimalPlaces: z.number().nullish(),
  minDecimalPlaces: z.number().nullish(),
  showValuesOnSeries: z.boolean().nullish(),
  showLabelsOnSeries: z.boolean().nullish(),
  showPercentStackView: z.boolean().nullish(),
  yAxisScaleType: z.string().nullish(),
  showMultipleYAxes: z.boolean().nullish(),
  hiddenLegendIndexes: z.array(z.number().int()).nullish(),
  resultCustomizationBy: z.enum(['value', 'position']).nullish(),
  resultCustomizations: ResultCustomizations.nullish(),
  goalLines: GoalLines.nullish(),
  showConfidenceIntervals: z.boolean().nullish(),
  confidenceLevel: z.number().nullish(),
  showTrendLines: z.boolean().nullish(),
  showMovingAverage: z.boolean().nullish(),
  movingAverageIntervals: z.number().nullish(),
  detailedResultsAggregationType: z.enum(['total', 'average', 'median']).nullish(),
});
export type TrendsFilter = z.infer<typeof TrendsFilter>;

export const TrendsQuery = z.strictObject({
  kind: z.literal('TrendsQuery'),
  ...insightBaseFields,
  interval: IntervalType.nullish(),
  series: z.array(SeriesNode),
  trendsFilter: TrendsFilter.nullish(),
  breakdownFilter: BreakdownFilter.nullish(),
  compareFilter: CompareFilter.nullish(),
  conversionGoal: z.looseObject({}).nullish(),
});
export type TrendsQuery = z.infer<typeof TrendsQuery>;
