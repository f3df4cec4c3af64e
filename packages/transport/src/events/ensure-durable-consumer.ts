import {
  AckPolicy,
  type ConsumerConfig,
  type ConsumerInfo,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  ReplayPolicy,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

export const CONSUMER_ACK_WAIT_MS = 30_000;
const MAX_ACK_PENDING = 1_000;

function isConsumerNotFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound;
}

/**
 * Creates the durable pull consumer `durable` on `stream` (explicit acks, from the first stored event),
 * or updates the settings we own on an existing one. Idempotent, safe for several replicas at once.
 */
export async function ensureDurableConsumer(
  jsm: JetStreamManager,
  stream: string,
  durable: string,
  filterSubject?: string,
): Promise<ConsumerInfo> {
  const ackWait = nanos(CONSUMER_ACK_WAIT_MS);
  const bringUpToDate = async (info: ConsumerInfo) => {
    const { config } = info;
    const upToDate =
      config.ack_wait === ackWait &&
      config.max_ack_pending === MAX_ACK_PENDING &&
      (config.filter_subject ?? '') === (filterSubject ?? '');
    if (upToDate) return info;
    return jsm.consumers.update(stream, durable, {
      ack_wait: ackWait,
      max_ack_pending: MAX_ACK_PENDING,
      filter_subject: filterSubject ?? '',
    });
  };

  try {
    return await bringUpToDate(await jsm.consumers.info(stream, durable));
  } catch (error) {
    if (!isConsumerNotFound(error)) throw error;
  }
  const config: Partial<ConsumerConfig> = {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    replay_policy: ReplayPolicy.Instant,
    ack_wait: ackWait,
    max_ack_pending: MAX_ACK_PENDING,
    ...(filterSubject ? { filter_subject: filterSubject } : {}),
  };
  try {
    return await jsm.consumers.add(stream, config);
  } catch (error) {
    // Another replica may have created it in between.
    const info = await jsm.consumers.info(stream, durable).catch(() => undefined);
    if (!info) throw error;
    return bringUpToDate(info);
  }
}
