import type { Kysely, Transaction } from 'kysely';

/** deadlock_detected, serialization_failure, lock_not_available: the transaction lost a race, not a bad statement. */
const RETRYABLE_CODES = new Set(['40P01', '40001', '55P03']);

export function isRetryableTransactionError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && RETRYABLE_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export interface RetryTransactionOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
  /** Called before each retry, with the error that caused it. */
  onRetry?: (error: unknown, attempt: number) => void;
}

/**
 * Runs `work` in a transaction and runs it again, from the start, when PostgreSQL aborted it as a deadlock victim or a
 * serialization failure. `work` must therefore do nothing outside the transaction that cannot be repeated. Such an
 * error after the last attempt is thrown as is.
 */
export async function transactionWithRetry<Database, T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
  options: RetryTransactionOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= attempts || !isRetryableTransactionError(error)) throw error;
      options.onRetry?.(error, attempt);
      // A short random pause so the transactions that collided do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}
