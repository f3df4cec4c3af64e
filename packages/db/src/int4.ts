export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;

/** Whether PostgreSQL's `integer` can hold the value: a number outside it can be no row's integer id. */
export function fitsInt4(value: number): boolean {
  return Number.isInteger(value) && value >= INT4_MIN && value <= INT4_MAX;
}
