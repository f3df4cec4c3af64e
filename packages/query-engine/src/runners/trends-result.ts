/** One item of a trends response's `results` (§2.2, §2.3). */
export interface TrendsResultItem {
  data: number[] | null;
  labels?: string[];
  days: string[];
  count: number;
  aggregated_value?: number;
  label: string;
  filter: Record<string, unknown>;
  action: TrendsAction | null;
  order: number;
  breakdown_value?: string | string[];
  compare?: true;
  compare_label?: 'current' | 'previous';
}

export interface TrendsAction {
  days: string[];
  id: string | null;
  type: 'events';
  order: number;
  name: string;
  custom_name: string | null;
  math: string | null;
  math_property: string | null;
  math_hogql: string | null;
  math_group_type_index: number | null;
  properties: Record<string, never>;
}

export interface TrendsResponse {
  results: TrendsResultItem[];
  hasMore: boolean;
  resolved_date_range: { date_from: string; date_to: string };
  timezone: string;
  error: string;
  timings: null;
  modifiers: Record<string, unknown>;
}
