/**
 * `work` on every item, at most `limit` at a time; the results in the items' order. For jobs
 * that read one file per item (reports over thousands of conversations): all at once would
 * hold thousands of files open and put every customer's read behind them.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * A promise that settles after the event loop's next turn of I/O (`setImmediate`): long work on
 * the chat thread awaits it between steps, so the turns of customers waiting meanwhile go first.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
