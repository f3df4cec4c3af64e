/**
 * An int[] parameter as PostgreSQL's array text (`{1,2,3}`). node-postgres escapes every element of a JS array one
 * by one; for thousands of ids this literal is much cheaper, and safe because each element is checked to be an integer.
 */
export function intArrayLiteral(values: readonly number[]): string {
  for (const value of values) {
    if (!Number.isSafeInteger(value)) throw new TypeError(`not an integer: ${value}`);
  }
  return `{${values.join(',')}}`;
}
