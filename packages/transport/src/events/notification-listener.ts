import { createPool } from '@insights/db';
import type { Logger } from 'pino';
import { retryDelayMs, sleep } from './retry-backoff.js';

export interface NotificationListenerOptions {
  databaseUrl: string;
  channel: string;
  /** Called for every notification on the channel. */
  onNotify: () => void;
  /** Called after the listener reconnected: notifications sent while it was away are lost. */
  onReconnect: () => void;
  log: Logger;
}

export interface NotificationListener {
  close(): Promise<void>;
}

type ListenerPool = ReturnType<typeof createPool>;
type ListenerClient = Awaited<ReturnType<typeof checkOutListeningClient>>;

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function checkOutListeningClient(pool: ListenerPool, channel: string) {
  const client = await pool.connect();
  try {
    await client.query(`LISTEN ${quoteIdentifier(channel)}`);
    return client;
  } catch (error) {
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}

/**
 * Holds one dedicated connection in LISTEN on `channel` (a pooled connection cannot LISTEN: it is handed
 * to other queries between statements). When that connection drops, it reconnects with backoff until
 * closed. Resolves once the first LISTEN is in place, so nothing committed afterwards goes unnoticed.
 */
export async function listenForNotifications(options: NotificationListenerOptions): Promise<NotificationListener> {
  const { channel, log } = options;
  const pool = createPool({
    connectionString: options.databaseUrl,
    maxConnections: 1,
    applicationName: `${channel}-listener`,
  });
  // Errors of the checked-out client are handled below; this only keeps an idle-client error from crashing the process.
  pool.on('error', (error) => log.warn({ err: error }, 'outbox listener connection error'));
  const closing = new AbortController();
  let current: ListenerClient | undefined;
  let reconnecting: Promise<void> | undefined;

  const attach = (client: ListenerClient) => {
    current = client;
    client.on('notification', (message) => {
      if (message.channel === channel) options.onNotify();
    });
    const lost = (error?: Error) => {
      if (current !== client) return;
      current = undefined;
      client.release(error ?? true);
      if (closing.signal.aborted) return;
      log.warn({ err: error, channel }, 'outbox listener lost its connection, reconnecting');
      reconnecting = reconnect();
    };
    client.on('error', (error) => lost(error));
    client.on('end', () => lost());
  };

  const reconnect = async () => {
    for (let attempt = 0; !closing.signal.aborted; attempt++) {
      await sleep(retryDelayMs(attempt, 100, 5_000), closing.signal);
      if (closing.signal.aborted) return;
      try {
        const client = await checkOutListeningClient(pool, channel);
        if (closing.signal.aborted) {
          client.release(true);
          return;
        }
        attach(client);
        log.info({ channel }, 'outbox listener reconnected');
        options.onReconnect();
        return;
      } catch (error) {
        log.warn({ err: error, channel, attempt }, 'outbox listener could not reconnect');
      }
    }
  };

  try {
    attach(await checkOutListeningClient(pool, channel));
  } catch (error) {
    await pool.end();
    throw error;
  }

  return {
    async close() {
      if (closing.signal.aborted) return;
      closing.abort();
      await reconnecting;
      const client = current;
      current = undefined;
      if (client) {
        // release(true) only starts closing the connection; wait until it is really gone.
        const ended = new Promise((resolve) => client.once('end', resolve));
        client.release(true);
        await ended;
      }
      await pool.end();
    },
  };
}

/** Wakes `signal` on every notification on `channel`, and after a reconnect (when some may have been missed). */
export function wakeOnNotifications(
  signal: { wake(): void },
  options: { databaseUrl: string; channel: string; log: Logger },
): Promise<NotificationListener> {
  return listenForNotifications({ ...options, onNotify: () => signal.wake(), onReconnect: () => signal.wake() });
}
