import { describe, expect, it } from 'vitest';
import { eventUuidOf } from './event-uuid.js';

const UUID = '0190c1e2-7a3b-7c4d-8e5f-0123456789ab';

describe('eventUuidOf', () => {
  it.each([undefined, null, ''])('takes %j for no uuid', (value) => {
    expect(eventUuidOf(value)).toEqual({ valid: true, uuid: undefined });
  });

  it.each([UUID, UUID.toUpperCase(), UUID.replaceAll('-', ''), `{${UUID}}`, `urn:uuid:${UUID}`])(
    'reads %s as the lower-case hyphenated uuid',
    (value) => {
      expect(eventUuidOf(value)).toEqual({ valid: true, uuid: UUID });
    },
  );

  it.each(['not-a-uuid', `${UUID}0`, UUID.replace('a', 'g'), 42, {}, ['x']])('refuses %j', (value) => {
    expect(eventUuidOf(value)).toEqual({ valid: false });
  });
});
