/**
 * Waits for SIGINT or SIGTERM, then closes the services in reverse order (so the database of each is closed
 * and its data-folder lock released). A second signal while closing stops at once.
 */
export function closeOnSignal(services: { close(): Promise<void> }[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let closing = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (closing) {
        process.exit(signal === 'SIGINT' ? 130 : 143);
      }
      closing = true;
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
