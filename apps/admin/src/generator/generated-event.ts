import type { CapturedEvent } from '@insights/contracts';

/** A generated event: exactly what capture hands to ingestion. */
export type GeneratedEvent = CapturedEvent;
