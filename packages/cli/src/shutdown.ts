/**
 * Waits for SIGINT or SIGTERM, then closes the services in reverse order (so the database of each is closed
 * and its data-folder lock released). Under `npm start` one Ctrl-C arrives twice (from the terminal and
 * forwarded by npm), so only a third signal while closing stops at once.
 */
export function closeOnSignal(services: { close(): Promise<void> }[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals += 1;
      if (signals >= 3) process.exit(signal === 'SIGINT' ? 130 : 143);
      if (signals > 1) return;
      (async () => {
        for (const service of [...services].reverse()) await service.close();
      })().then(() => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        resolve();
      }, reject);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
