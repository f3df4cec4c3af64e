import { describe, expect, it } from 'vitest';
import { reconcileEventTimestamp, type TimestampInputs } from './event-timestamp.js';

const NOW = new Date('2024-05-01T12:00:00.000Z');

function reconciled(inputs: Partial<TimestampInputs>): string {
  return reconcileEventTimestamp({
    timestamp: undefined,
    offset: undefined,
    sentAt: undefined,
    ignoreSentAt: false,
    now: NOW,
    ...inputs,
  }).toISOString();
}

describe('reconcileEventTimestamp', () => {
  it('is the receive time without timestamp, offset or sent_at', () => {
    expect(reconciled({})).toBe('2024-05-01T12:00:00.000Z');
  });

  it('ignores sent_at when there is no timestamp', () => {
    expect(reconciled({ sentAt: new Date('2024-05-01T12:05:00Z') })).toBe('2024-05-01T12:00:00.000Z');
  });

  it('is the timestamp itself without sent_at', () => {
    expect(reconciled({ timestamp: '2024-05-01T11:00:00.123Z' })).toBe('2024-05-01T11:00:00.123Z');
  });

  it('moves the timestamp by the skew of a client clock that is ahead: now + (timestamp − sent_at)', () => {
    const inputs = { timestamp: '2024-05-01T12:20:00Z', sentAt: new Date('2024-05-01T12:30:00Z') };
    expect(reconciled(inputs)).toBe('2024-05-01T11:50:00.000Z');
  });

  it('moves the timestamp by the skew of a client clock that is behind', () => {
    const inputs = { timestamp: '2024-05-01T09:59:00Z', sentAt: new Date('2024-05-01T10:00:00Z') };
    expect(reconciled(inputs)).toBe('2024-05-01T11:59:00.000Z');
  });

  it('reads the timestamp’s own zone before computing the skew', () => {
    const inputs = { timestamp: '2024-05-01T14:20:00+02:00', sentAt: new Date('2024-05-01T12:30:00Z') };
    expect(reconciled(inputs)).toBe('2024-05-01T11:50:00.000Z');
  });

  it('does not correct the skew when the event asks to ignore sent_at', () => {
    const inputs = { timestamp: '2024-05-01T11:00:00Z', sentAt: new Date('2024-05-01T12:30:00Z'), ignoreSentAt: true };
    expect(reconciled(inputs)).toBe('2024-05-01T11:00:00.000Z');
  });

  it('places an offset before the receive time', () => {
    expect(reconciled({ offset: 60_000 })).toBe('2024-05-01T11:59:00.000Z');
  });

  it('lets the offset win over a timestamp, as the Rust capture does', () => {
    const inputs = { timestamp: '2024-04-01T00:00:00Z', sentAt: new Date('2024-05-01T12:00:00Z'), offset: 1000 };
    expect(reconciled(inputs)).toBe('2024-05-01T11:59:59.000Z');
    expect(reconciled({ offset: 0, timestamp: '2024-04-01T00:00:00Z' })).toBe('2024-05-01T12:00:00.000Z');
  });

  it('uses the receive time for a timestamp that is not a date, skew or not', () => {
    expect(reconciled({ timestamp: 'not a date' })).toBe('2024-05-01T12:00:00.000Z');
    expect(reconciled({ timestamp: '2024-13-45T00:00:00Z', sentAt: new Date('2024-05-01T12:01:00Z') })).toBe(
      '2024-05-01T12:00:00.000Z',
    );
  });

  it('uses the receive time beyond 23 hours in the future, and keeps the timestamp within', () => {
    expect(reconciled({ timestamp: '2024-05-02T11:00:00.001Z' })).toBe('2024-05-01T12:00:00.000Z');
    expect(reconciled({ timestamp: '2024-05-02T11:00:00.000Z' })).toBe('2024-05-02T11:00:00.000Z');
    expect(reconciled({ offset: -24 * 3600 * 1000 })).toBe('2024-05-01T12:00:00.000Z');
  });

  it('keeps events far in the past', () => {
    expect(reconciled({ timestamp: '1999-12-31T23:59:59Z' })).toBe('1999-12-31T23:59:59.000Z');
  });

  it('uses the receive time when the result falls outside the years 0–9999', () => {
    expect(reconciled({ offset: 9_000_000_000_000_000 })).toBe('2024-05-01T12:00:00.000Z');
    expect(reconciled({ offset: 70_000_000_000_000 })).toBe('2024-05-01T12:00:00.000Z');
  });
});
