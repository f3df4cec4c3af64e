import type { InsightEvent } from '@insights/contracts';
import { type DurableConsumer, type DurableConsumerOptions, startDurableConsumer } from '@insights/transport';
import { VIEWS_SCHEMA } from '../db/database.js';
import { VIEWS_CONSUMER, viewsEventHandler, viewsEventSubject } from './insight-state.js';

/** Starts views' durable consumer of the insight events; the events stream must exist (`ensureEventStream`). */
export function startViewsConsumer(
  options: Pick<DurableConsumerOptions<InsightEvent>, 'nc' | 'prefix' | 'db' | 'log'>,
): Promise<DurableConsumer> {
  return startDurableConsumer<InsightEvent>({
    ...options,
    durable: VIEWS_CONSUMER,
    filterSubject: viewsEventSubject(options.prefix),
    schema: VIEWS_SCHEMA,
    handle: viewsEventHandler,
  });
}
