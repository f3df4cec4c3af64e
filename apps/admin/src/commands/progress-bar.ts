const WIDTH = 30;

/** A one-line progress bar on a terminal stream (redrawn in place), or a line every tenth on anything else. */
export function progressBar(total: number, stream: NodeJS.WriteStream) {
  const startedAt = Date.now();
  let lastTenth = -1;
  const render = (done: number) => {
    const share = total === 0 ? 1 : done / total;
    const filled = Math.round(share * WIDTH);
    const rate = done / Math.max(0.001, (Date.now() - startedAt) / 1000);
    return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} events, ${Math.round(rate).toLocaleString('en-US')}/s`;
  };
  return {
    update(done: number) {
      if (stream.isTTY) {
        stream.write(`\r${render(done)}`);
        return;
      }
      const tenth = Math.floor((done / Math.max(1, total)) * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        stream.write(`${render(done)}\n`);
      }
    },
    done() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
