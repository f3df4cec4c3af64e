/** One step object of a funnel (§3.3). */
export interface FunnelStepResult {
  action_id: string | null;
  name: string | null;
  custom_name: string | null;
  order: number;
  people: never[];
  count: number;
  type: 'events';
  average_conversion_time: number | null;
  median_conversion_time: number | null;
  breakdown?: string[];
  breakdown_value?: string[];
}

export interface FunnelTimeToConvertResult {
  average_conversion_time: number | null;
  bins: Array<[number, number]>;
}

export interface FunnelTrendsResult {
  count: number;
  data: number[];
  days: string[];
  labels: string[];
}

export interface FunnelsResponse {
  results: FunnelStepResult[] | FunnelStepResult[][] | FunnelTimeToConvertResult | FunnelTrendsResult[];
  isUdf: boolean;
  resolved_date_range: { date_from: string; date_to: string };
  timezone: string;
  timings: null;
  modifiers: Record<string, unknown>;
}
