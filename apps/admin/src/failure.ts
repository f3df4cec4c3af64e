import { AdminError } from '@insights/gateway/admin';
import { UsageError } from './usage-error.js';

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** What to tell the operator about an error: one line, no stack, and the exit status it deserves. */
export function describeFailure(error: unknown): { message: string; exitCode: number } {
  const invalidInput = error instanceof UsageError || (error instanceof AdminError && error.code === 'INVALID_INPUT');
  return { message: oneLine(messageOf(error)), exitCode: invalidInput ? EXIT_USAGE : EXIT_FAILURE };
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') {
    // A failed connection to a host with several addresses: the first cause says what happened.
    return messageOf(error.errors[0] ?? 'unknown error');
  }
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim() || 'unknown error';
}
