/**
 * Values derived from the contract's zod schemas: valid ones (what a well-behaved client sends, shaped by the
 * declared types, lengths and ranges) and hostile ones of the declared field's kind. A route added later with new
 * fields is covered by its schema alone; `FieldHints` only make some fields realistic (ids that exist, queries that
 * parse). Whether a generated request is in fact invalid is decided by the same schemas (`acceptsBody`,
 * `acceptsQuery`), not by the generator's intent.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import {
  enc,
  holdsUnstorableText,
  notABoolean,
  notAList,
  notAnInteger,
  notAnObject,
  notAString,
  oddText,
  realisticInteger,
  storableJson,
  tooLongText,
  unstorableObject,
  unstorableText,
  wireNotABoolean,
  wireNotAnInteger,
} from './hostile-values.js';

/**
 * Arbitraries that replace the derived ones for fields of a given name: `name` for valid values, `name[]` for the
 * items of a list, `name!` for hostile values.
 */
export type FieldHints = Readonly<Record<string, fc.Arbitrary<unknown>>>;

// zod 4 keeps its definition under `_zod.def`; the public types do not describe every kind, so read it loosely.
type ZodDef = Record<string, any> & { type: string };
function defOf(schema: z.ZodType): ZodDef {
  return (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
}

interface Bounds {
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  integer: boolean;
}

function boundsOf(schema: z.ZodType): Bounds {
  const bounds: Bounds = { integer: false };
  for (const check of defOf(schema).checks ?? []) {
    const def = check._zod.def as Record<string, any>;
    if (def.check === 'min_length') bounds.minLength = def.minimum;
    if (def.check === 'max_length') bounds.maxLength = def.maximum;
    if (def.check === 'length_equals') bounds.minLength = bounds.maxLength = def.length;
    if (def.check === 'greater_than') bounds.min = def.inclusive ? def.value : def.value + 1;
    if (def.check === 'less_than') bounds.max = def.inclusive ? def.value : def.value - 1;
    if (def.check === 'number_format' && /int/.test(def.format)) bounds.integer = true;
  }
  return bounds;
}

/** The schema a value must satisfy, past optional/nullable/default wrappers and preprocess or transform pipes. */
export function coreOf(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)) {
    return coreOf(def.innerType);
  }
  if (def.type === 'pipe') return coreOf(defOf(def.in).type === 'transform' ? def.out : def.in);
  return schema;
}

function acceptsNull(schema: z.ZodType): boolean {
  const def = defOf(schema);
  if (def.type === 'nullable') return true;
  if (['optional', 'default', 'readonly'].includes(def.type)) return acceptsNull(def.innerType);
  return false;
}

/** The kind of value a schema takes (`string`, `number`, `object`…), past wrappers and pipes. */
export function kindOf(schema: z.ZodType): string {
  return defOf(coreOf(schema)).type;
}

/** The fields of an object schema (through wrappers), or null when the schema is not an object. */
export function objectFields(schema: z.ZodType): Record<string, z.ZodType> | null {
  const core = coreOf(schema);
  const def = defOf(core);
  return def.type === 'object' ? (def.shape as Record<string, z.ZodType>) : null;
}

function isOptional(schema: z.ZodType): boolean {
  return (schema as unknown as { _zod: { optin?: string } })._zod.optin === 'optional';
}

export function requiredFields(schema: z.ZodType): string[] {
  return Object.entries(objectFields(schema) ?? {})
    .filter(([, field]) => !isOptional(field))
    .map(([name]) => name);
}

function integerIn(bounds: Bounds): fc.Arbitrary<number> {
  const min = Math.max(bounds.min ?? Number.MIN_SAFE_INTEGER, Number.MIN_SAFE_INTEGER);
  const max = Math.min(bounds.max ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (bounds.min === undefined && bounds.max === undefined) return realisticInteger;
  const low = Math.max(min, Math.min(max, 0));
  return fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: low, max: Math.min(max, low + 50) }) },
    { weight: 2, arbitrary: fc.integer({ min, max }) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
  );
}

const plainText = (minLength: number, maxLength: number) =>
  fc
    .oneof(
      { weight: 4, arbitrary: fc.string({ minLength, maxLength }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength }) },
    )
    .filter((text) => !holdsUnstorableText(text));

/** A value the schema accepts, as a JSON client would send it. */
export function validValue(schema: z.ZodType, hints: FieldHints, name?: string): fc.Arbitrary<unknown> {
  const hinted = name === undefined ? undefined : hints[name];
  if (hinted) return hinted;
  const core = coreOf(schema);
  const def = defOf(core);
  const derived = ((): fc.Arbitrary<unknown> => {
    const bounds = boundsOf(core);
    switch (def.type) {
      case 'string': {
        const minLength = bounds.minLength ?? 0;
        return plainText(minLength, Math.max(minLength, Math.min(bounds.maxLength ?? 40, 40)));
      }
      case 'number':
        return bounds.integer ? integerIn(bounds) : fc.double({ noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'enum':
        return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
      case 'literal':
        return fc.constantFrom(...(def.values as unknown[]));
      case 'null':
        return fc.constant(null);
      case 'array': {
        const minLength = bounds.minLength ?? 0;
        const element = validValue(def.element, hints, name === undefined ? undefined : `${name}[]`);
        const usual = fc.array(element, {
          minLength,
          maxLength: Math.max(minLength, Math.min(bounds.maxLength ?? 4, 4)),
        });
        if (bounds.maxLength === undefined || bounds.maxLength > 2_500) return usual;
        const full = fc.array(element, { minLength: bounds.maxLength, maxLength: bounds.maxLength });
        return fc.oneof({ weight: 12, arbitrary: usual }, { weight: 1, arbitrary: full });
      }
      case 'record':
        return fc.dictionary(plainText(1, 10), storableJson, { maxKeys: 4 });
      case 'object': {
        const fields = def.shape as Record<string, z.ZodType>;
        const record = Object.fromEntries(
          Object.entries(fields).map(([field, fieldSchema]) => [field, validValue(fieldSchema, hints, field)]),
        );
        return fc.record(record, { requiredKeys: requiredFields(core) as never });
      }
      case 'union':
        return fc.oneof(...(def.options as z.ZodType[]).map((option) => validValue(option, hints, name)));
      default:
        return storableJson;
    }
  })();
  const nullable = acceptsNull(schema) ? fc.option(derived, { nil: null, freq: 6 }) : derived;
  // Preprocessed fields (DRF's CharField trims) may refuse what the core accepts; keep what the field accepts.
  return nullable.filter((value) => schema.safeParse(value).success);
}

/** A value of the field's kind that a careful server refuses: wrong types, out of range, too long, unstorable. */
export function hostileValue(schema: z.ZodType): fc.Arbitrary<unknown> {
  const core = coreOf(schema);
  const def = defOf(core);
  const bounds = boundsOf(core);
  switch (def.type) {
    case 'string':
      return fc.oneof<fc.Arbitrary<unknown>[]>(
        notAString,
        unstorableText,
        bounds.maxLength === undefined ? oddText : tooLongText(bounds.maxLength),
        fc.constantFrom('', '   '),
      );
    case 'number': {
      const outside: number[] = [];
      if (bounds.min !== undefined) outside.push(bounds.min - 1, bounds.min - 1_000);
      if (bounds.max !== undefined) outside.push(bounds.max + 1, bounds.max * 10 + 1);
      return outside.length > 0 ? fc.oneof(notAnInteger, fc.constantFrom(...outside)) : notAnInteger;
    }
    case 'boolean':
      return notABoolean;
    case 'enum':
    case 'literal': {
      const allowed = new Set<unknown>(def.type === 'enum' ? Object.values(def.entries) : def.values);
      return fc.oneof(
        notAString,
        fc.string({ maxLength: 12 }).filter((text) => !allowed.has(text)),
        fc.constantFrom(...[...allowed].map((value) => String(value).toUpperCase())).filter((v) => !allowed.has(v)),
      );
    }
    case 'array': {
      const options: fc.Arbitrary<unknown>[] = [
        notAList,
        fc.array(hostileValue(def.element), { minLength: 1, maxLength: 3 }),
      ];
      if (bounds.minLength !== undefined && bounds.minLength > 0) options.push(fc.constant([]));
      if (bounds.maxLength !== undefined && bounds.maxLength <= 3_000) {
        // Valid items, one too many of them.
        options.push(
          fc.array(validValue(def.element, {}), { minLength: bounds.maxLength + 1, maxLength: bounds.maxLength + 40 }),
        );
      }
      return fc.oneof(...options);
    }
    case 'record':
    case 'object':
      return fc.oneof(notAnObject, unstorableObject);
    default:
      return fc.oneof(notAnObject, unstorableObject);
  }
}

/** A query-string value (already percent-encoded) the parameter's schema accepts. */
export function validWireValue(schema: z.ZodType, hints: FieldHints, name: string): fc.Arbitrary<string> {
  const hinted = hints[name];
  if (hinted) return hinted.map((value) => enc(String(value)));
  const core = coreOf(schema);
  const def = defOf(core);
  if (def.type === 'number') return integerIn(boundsOf(core)).map(String);
  if (def.type === 'enum') return fc.constantFrom(...Object.values(def.entries as Record<string, string>)).map(enc);
  return plainText(0, 20).map(enc);
}

/** A query-string value (as on the wire, possibly badly encoded) of the parameter's kind that it should refuse. */
export function hostileWireValue(schema: z.ZodType, hints: FieldHints, name: string): fc.Arbitrary<string> {
  const hinted = hints[`${name}!`];
  if (hinted) return hinted.map((value) => String(value));
  const core = coreOf(schema);
  const def = defOf(core);
  if (def.type === 'number') {
    const bounds = boundsOf(core);
    const outside = [bounds.min, bounds.max]
      .filter((value) => value !== undefined)
      .map((value) => String(value! * 2 + 1));
    return outside.length > 0 ? fc.oneof(wireNotAnInteger, fc.constantFrom(...outside)) : wireNotAnInteger;
  }
  if (def.type === 'enum') {
    const allowed = Object.values(def.entries as Record<string, string>);
    return allowed.includes('true') ? wireNotABoolean : fc.oneof(wireNotABoolean, oddText.map(enc));
  }
  return fc.oneof(oddText.map(enc), unstorableText.map(enc));
}

/** The query object Fastify hands to ts-rest for these wire pairs (fast-querystring's rules). */
export function parseWireQuery(pairs: readonly string[]): Record<string, string | string[]> {
  const decode = (text: string) => {
    const spaced = text.replace(/\+/g, ' ');
    try {
      return decodeURIComponent(spaced) || spaced;
    } catch {
      return spaced;
    }
  };
  const result: Record<string, string | string[]> = Object.create(null);
  for (const pair of pairs.join('&').split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = decode(equals === -1 ? pair : pair.slice(0, equals));
    if (equals === -1 && key === '') continue;
    const value = equals === -1 ? '' : decode(pair.slice(equals + 1));
    const current = result[key];
    result[key] = current === undefined ? value : [...(Array.isArray(current) ? current : [current]), value];
  }
  return result;
}
