/**
 * One event of a capture request, checked and normalised: what the Rust capture's `process_single_event` refuses, it
 * refuses (no name, no distinct_id, a malformed uuid, fields of the wrong type), with Django capture's messages; and it
 * applies the plugin server's `normalizeEvent` for the parts that belong to the event itself: top-level `$set` and
 * `$set_once` are merged into the properties' own (the top-level values win), the name is cut to 200 characters
 * (`sanitizeEventName`).
 */

import {
  type CaptureError,
  emptyDistinctId,
  invalidPayload,
  missingDistinctId,
  missingEventName,
} from './capture-error.js';
import type { CapturedEvent } from './captured-event.js';
import { distinctIdOf } from './distinct-id.js';
import { reconcileEventTimestamp } from './event-timestamp.js';
import { eventUuidOf } from './event-uuid.js';
import type { UuidV7Generator } from './uuid-v7.js';

const MAX_EVENT_NAME_LENGTH = 200;

export type EventContext = {
  now: Date;
  sentAt: Date | undefined;
  newUuid: UuidV7Generator;
};

export function capturedEventOf(raw: unknown, context: EventContext): CapturedEvent | { error: CaptureError } {
  if (!isRecord(raw)) return { error: invalidPayload(`All events must be dictionaries not '${pythonTypeName(raw)}'!`) };

  const name = raw.event;
  if (name === undefined || name === null || name === '') return { error: missingEventName() };
  if (typeof name !== 'string') return { error: invalidPayload('Event field "event" must be a string!', 'event') };

  const distinctId = distinctIdOf(raw);
  if (distinctId === undefined) return { error: missingDistinctId() };
  if (distinctId === '') return { error: emptyDistinctId() };

  const uuid = eventUuidOf(raw.uuid);
  if (!uuid.valid) return { error: invalidPayload('Event field "uuid" is not a valid UUID!', 'uuid') };

  const properties = raw.properties ?? {};
  if (!isRecord(properties)) {
    return { error: invalidPayload('Event field "properties" must be a dictionary!', 'properties') };
  }
  for (const field of ['$set', '$set_once'] as const) {
    const topLevel = raw[field];
    if (topLevel === undefined || topLevel === null) continue;
    if (!isRecord(topLevel)) return { error: invalidPayload(`Event field "${field}" must be a dictionary!`, field) };
    const inProperties = properties[field];
    properties[field] = isRecord(inProperties) ? { ...inProperties, ...topLevel } : { ...topLevel };
  }

  const timestamp = raw.timestamp ?? undefined;
  if (timestamp !== undefined && typeof timestamp !== 'string') {
    return { error: invalidPayload('Event field "timestamp" must be a string!', 'timestamp') };
  }
  const offset = raw.offset ?? undefined;
  if (offset !== undefined && !Number.isSafeInteger(offset)) {
    return { error: invalidPayload('Event field "offset" must be an integer!', 'offset') };
  }

  const reconciled = reconcileEventTimestamp({
    timestamp,
    offset: offset as number | undefined,
    sentAt: context.sentAt,
    ignoreSentAt: properties.$ignore_sent_at === true,
    now: context.now,
  });

  return {
    uuid: uuid.uuid ?? context.newUuid(context.now.getTime()),
    event: name.length > MAX_EVENT_NAME_LENGTH ? Array.from(name).slice(0, MAX_EVENT_NAME_LENGTH).join('') : name,
    distinct_id: distinctId,
    properties,
    timestamp: reconciled.toISOString(),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `type(value).__name__`, as Django's message names it. */
function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return typeof value;
}
