// A minimal live-stream client for benchmarks: reads the server's Server-Sent Events through
// fetch (Node 20 has no EventSource) and calls back with each event's name and parsed data.
export interface SseConnection {
  opened: Promise<void>;
  close(): void;
}

export function openEventStream(
  url: string,
  credential: string,
  onEvent: (event: string, data: unknown) => void,
): SseConnection {
  const abort = new AbortController();
  let markOpen: () => void = () => undefined;
  let markFailed: (error: unknown) => void = () => undefined;
  const opened = new Promise<void>((resolve, reject) => {
    markOpen = resolve;
    markFailed = reject;
  });
  const run = async () => {
    const response = await fetch(`${url}/sync/stream`, {
      headers: { authorization: `Bearer ${credential}`, accept: 'text/event-stream' },
      signal: abort.signal,
    });
    if (!response.ok || !response.body) throw new Error(`stream: HTTP ${response.status}`);
    markOpen();
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        let data = '';
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: ')) data += line.slice(6);
        }
        if (data) onEvent(event, JSON.parse(data) as unknown);
      }
    }
  };
  run().catch((error: unknown) => {
    if (!abort.signal.aborted) markFailed(error);
  });
  return { opened, close: () => abort.abort() };
}
