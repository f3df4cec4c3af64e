import { z } from 'zod';
import { refuseUnstorable } from './storable-text.js';

/** DRF's IntegerField: integers and integer strings; anything else is "A valid integer is required.". */
export const DrfInteger = z.preprocess(
  (value) => (typeof value === 'string' && /^\s*-?\d{1,15}\s*$/.test(value) ? Number(value) : value),
  z.number().int(),
);

/**
 * DRF's CharField: strings (numbers accepted as their text), trimmed; blank is refused, and so are null characters
 * (DRF's `ProhibitNullCharactersValidator`) and lone surrogates, which PostgreSQL cannot store.
 */
export function drfChar(maxLength: number) {
  return z.preprocess(
    (value) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value),
    z.string().trim().min(1).max(maxLength).superRefine(refuseUnstorable),
  );
}
