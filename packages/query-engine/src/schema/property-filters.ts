import { z } from 'zod';

/** Every `PropertyOperator` PostHog's schema knows; the engine supports a subset (`filters/`). */
export const PropertyOperator = z.enum([
  'exact',
  'is_not',
  'icontains',
  'not_icontains',
  'regex',
  'not_regex',
  'gt',
  'gte',
  'lt',
  'lte',
  'is_set',
  'is_not_set',
  'is_date_exact',
  'is_date_before',
  'is_date_after',
  'between',
  'not_between',
  'min',
  'max',
  'in',
  'not_in',
  'is_cleaned_path_exact',
  'flag_evaluates_to',
  'icontains_multi',
  'not_icontains_multi',
  'semver_eq',
  'semver_neq',
  'semver_gt',
  'semver_gte',
  'semver_lt',
  'semver_lte',
  'semver_tilde',
  'semver_caret',
  'semver_wildcard',
]);
export type PropertyOperator = z.infer<typeof PropertyOperator>;

/** Every property filter `type` PostHog's schema knows. */
export const PropertyFilterType = z.enum([
  'event',
  'person',
  'element',
  'session',
  'cohort',
  'recording',
  'log_entry',
  'group',
  'hogql',
  'data_warehouse',
  'data_warehouse_person_property',
  'error_tracking_issue',
  'revenue_analytics',
  'event_metadata',
  'feature',
  'flag',
  'log',
  'log_attribute',
  'log_resource_attribute',
  'span_attribute',
  'span_resource_attribute',
  'workflow_variable',
]);
export type PropertyFilterType = z.infer<typeof PropertyFilterType>;

const ScalarValue = z.union([z.string(), z.number(), z.boolean()]);
export const PropertyFilterValue = z.union([ScalarValue, z.array(ScalarValue.nullable()), z.null()]);
export type PropertyFilterValue = z.infer<typeof PropertyFilterValue>;

/** One property filter. The shapes of all PostHog filter types share these keys (§1.3). */
export const PropertyFilter = z.strictObject({
  key: z.union([z.string(), z.number()]),
  value: PropertyFilterValue.optional(),
  operator: PropertyOperator.nullish(),
  type: PropertyFilterType.nullish(),
  label: z.string().nullish(),
  group_type_index: z.number().int().nullish(),
  cohort_name: z.string().nullish(),
});
export type PropertyFilter = z.infer<typeof PropertyFilter>;

/** `{}` is a valid, ignored filter. */
export const EmptyPropertyFilter = z.strictObject({});

export const AnyPropertyFilter = z.union([PropertyFilter, EmptyPropertyFilter]);
export type AnyPropertyFilter = z.infer<typeof AnyPropertyFilter>;

export interface PropertyGroupFilterValue {
  type: 'AND' | 'OR';
  values: Array<AnyPropertyFilter | PropertyGroupFilterValue>;
}

export const PropertyGroupFilterValue: z.ZodType<PropertyGroupFilterValue> = z.lazy(() =>
  z.strictObject({
    type: z.enum(['AND', 'OR']),
    values: z.array(z.union([PropertyGroupFilterValue, AnyPropertyFilter])),
  }),
);

export const PropertyGroupFilter = z.strictObject({
  type: z.enum(['AND', 'OR']),
  values: z.array(PropertyGroupFilterValue),
});
export type PropertyGroupFilter = z.infer<typeof PropertyGroupFilter>;

export const PropertyFilters = z.union([z.array(AnyPropertyFilter), PropertyGroupFilter]);
export type PropertyFilters = z.infer<typeof PropertyFilters>;
