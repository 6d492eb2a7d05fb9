/** One agent's live feed (`GET /api/events`, or another stream), read as Server-Sent Events. */
export async function openEvents(baseUrl: string, cookie: string, path = '/api/events') {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie }, signal: controller.signal });
  const received: { event: string; data: any }[] = [];
  const waiters = new Set<() => void>();
  const ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) received.push({ event, data: JSON.parse(data) });
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // aborted
    }
  })();
  const waitFor = (match: (item: { event: string; data: any }) => boolean) =>
    new Promise<{ event: string; data: any }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no such event; got ${JSON.stringify(received.map((r) => r.event))}`)), 10_000);
      const check = () => {
        const found = received.find(match);
        if (found) {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        }
      };
      waiters.add(check);
      check();
    });
  if (path === '/api/events') await waitFor((item) => item.event === 'hello');
  return { response, received, waitFor, ended, close: () => controller.abort() };
}
