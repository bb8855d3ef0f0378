/**
 * Application-level group commit: concurrent calls become one statement and one commit. A call waits in the
 * queue; the queue flushes when the event loop has nothing else to add to it (the next turn) or when it holds
 * `maxRows`, while at most `maxInFlight` batches run at once (the rest wait for one to end, and so gather into
 * the next: the busier the server, the bigger the batch). Each caller is answered only once its batch's
 * statement has committed, with its own result; when a batch fails, every caller of it gets that error.
 */
export interface Batcher<I, O> {
  run(item: I): Promise<O>;
}

export interface BatchOptions<I, O> {
  /** Runs one batch in one statement (one commit); answers one result per item, in order. */
  flush(items: readonly I[]): Promise<readonly O[]>;
  maxRows?: number;
  maxInFlight?: number;
}

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

export function batcher<I, O>({ flush, maxRows = 100, maxInFlight = 2 }: BatchOptions<I, O>): Batcher<I, O> {
  let queue: Waiting<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const send = () => {
    const batch = queue.slice(0, maxRows);
    queue = queue.slice(batch.length);
    inFlight++;
    // A flush that throws synchronously fails its batch the same way as one that rejects.
    Promise.resolve()
      .then(() => flush(batch.map((w) => w.item)))
      .then(
        (results) => {
          if (results.length !== batch.length) throw new Error('a batch answered the wrong number of rows');
          for (const [i, w] of batch.entries()) w.resolve(results[i]!);
        },
        (error: unknown) => {
          for (const w of batch) w.reject(error);
        },
      )
      .catch((error: unknown) => {
        for (const w of batch) w.reject(error);
      })
      .finally(() => {
        inFlight--;
        kick();
      });
  };

  const kick = () => {
    while (queue.length >= maxRows && inFlight < maxInFlight) send();
    if (queue.length === 0 || inFlight >= maxInFlight || scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (queue.length > 0 && inFlight < maxInFlight) send();
    });
  };

  return {
    run: (item) =>
      new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        kick();
      }),
  };
}
