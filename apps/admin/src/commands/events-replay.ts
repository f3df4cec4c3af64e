import { isEventId, type ReplaySelection, requestConsumerReplay, requestOutboxReplay } from '@insights/transport';
import type { AdminCommand } from '../command.js';
import { parseOptions } from '../option-values.js';
import { UsageError } from '../usage-error.js';

/** The services whose consumers park events they fail on; the insights relay parks the ones it cannot publish. */
const CONSUMING_SERVICES = ['activity', 'views', 'tagging'] as const;

/**
 * Hands parked events back: the relay publishes the ones it parked again, and each consumer replays the ones it parked
 * (waking on the notification). Answers how many parked events were handed back, wherever they were parked.
 */
export const eventsReplay: AdminCommand = {
  usage: 'events replay --id ID | --all',
  prepare(args) {
    const values = parseOptions(args, { id: { type: 'string' }, all: { type: 'boolean' } });
    if ((values.id === undefined) === (values.all !== true)) throw new UsageError('give either --id ID or --all');
    if (values.id !== undefined && !isEventId(values.id)) {
      throw new UsageError(`--id must be an event id (a uuid, got "${values.id}")`);
    }
    const selection: ReplaySelection = values.id === undefined ? { all: true } : { id: values.id };
    return async ({ serviceDb }) => {
      let replayed = await requestOutboxReplay(await serviceDb('insights'), 'insights', selection);
      for (const service of CONSUMING_SERVICES) {
        replayed += await requestConsumerReplay(await serviceDb(service), service, selection);
      }
      return { replayed };
    };
  },
};
