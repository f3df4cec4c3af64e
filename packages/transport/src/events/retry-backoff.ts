/** Exponential backoff with jitter: attempt 0 waits about `baseMs`, doubling up to `maxMs`. */
export function retryDelayMs(attempt: number, baseMs = 100, maxMs = 5_000): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(exponential * (0.75 + Math.random() * 0.5));
}

/** Resolves after `ms`, or as soon as `signal` aborts (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
