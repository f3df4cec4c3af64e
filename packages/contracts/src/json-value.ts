import { z } from 'zod';

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A field that holds any JSON value (a query's results). Not `z.unknown()`: through the services' tRPC clients an
 * `unknown` key turns optional, and the REST contract would no longer be met. Not `z.json()` either: that one is
 * written into the OpenAPI document as a recursive union under a generated name; this one as `{}`, any value.
 */
export const JsonValue = z.custom<JsonValue>((value) => value !== undefined).meta({ description: 'Any JSON value.' });
