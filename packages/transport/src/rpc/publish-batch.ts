/**
 * Runs the publishes queued within one turn of the event loop together, at its end (`setImmediate`). nats.js writes
 * its outbound buffer to the socket once per microtask checkpoint, which under load means one system call per
 * message, as every request arrives in an I/O callback of its own; publishing a turn's messages in one synchronous
 * run lets them leave in one write. A lone message waits for nothing but the rest of the current turn. Each publish
 * handles its own failure; one that throws anyway does not keep the others from being sent.
 */
export function createPublishBatch(): (publish: () => void) => void {
  let queued: (() => void)[] = [];
  const flush = () => {
    const batch = queued;
    queued = [];
    for (const publish of batch) {
      try {
        publish();
      } catch {
        // Its own caller was told, or had nobody to tell.
      }
    }
  };
  return (publish) => {
    queued.push(publish);
    if (queued.length === 1) setImmediate(flush);
  };
}
