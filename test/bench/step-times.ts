import { median } from './load.js';

/** Durations of the named steps of a repeated operation, to show where a floor spends its time. */
export class StepTimes {
  private readonly samples = new Map<string, number[]>();

  /** Starts a clock; each call of the returned function records the time since the previous one under `step`. */
  timer(): (step: string) => void {
    let last = performance.now();
    return (step) => {
      const now = performance.now();
      const list = this.samples.get(step);
      if (list) list.push(now - last);
      else this.samples.set(step, [now - last]);
      last = now;
    };
  }

  /** Forgets what was recorded (e.g. during warm-up). */
  clear(): void {
    this.samples.clear();
  }

  /** Each step's median, in the order the steps were first recorded. */
  medians(): { step: string; medianMs: number }[] {
    return [...this.samples].map(([step, values]) => ({ step, medianMs: median(values) }));
  }
}
