/**
 * A level-triggered wake-up: a `wake()` that arrives while nobody waits is remembered, so the next
 * `wait()` returns at once. This closes the gap between "looked, found nothing" and "started waiting".
 */
export class WakeSignal {
  private pending = false;
  private release: (() => void) | undefined;

  wake(): void {
    this.pending = true;
    this.release?.();
  }

  /** Resolves on the next wake (or a remembered one), or after `timeoutMs`. */
  async wait(timeoutMs: number): Promise<void> {
    if (!this.pending) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.release = undefined;
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        this.release = done;
      });
    }
    this.pending = false;
  }
}
