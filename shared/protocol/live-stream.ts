// The live stream (Server-Sent Events on GET /sync/stream). Events are pokes, not documents: a
// register answers a poke with a checkpoint pull, so its checkpoint can never pass a document it
// has not received, and one connection serves all twelve collections (browsers allow six per host).
import { z } from 'zod';
import type { RxPullStreamEvent } from './replication';

export const STREAM_EVENT = { HELLO: 'hello', CHANGE: 'change' } as const;
export type StreamEventName = (typeof STREAM_EVENT)[keyof typeof STREAM_EVENT];

/** Seconds between `: ping` comments: the heartbeat a register watches to notice a lost link within
 * 5 s (renderer/src/sync/connectivity.ts); it also keeps proxies from closing an idle stream. */
export const STREAM_PING_SECONDS = 2;

export const helloEventSchema = z.strictObject({ seq: z.number().int().min(0) });
export type HelloEvent = z.output<typeof helloEventSchema>;

export const changeEventSchema = z.strictObject({
  collections: z.array(z.string().min(1).max(64)).min(1).max(64),
  seq: z.number().int().min(0),
});
export type ChangeEvent = z.output<typeof changeEventSchema>;

/**
 * What to feed each collection's `stream$` for one SSE event. `hello` arrives on every
 * (re)connect and means "you may have missed anything": every collection resyncs.
 */
export function toRxStreamEvents(
  event: string,
  data: unknown,
  allCollections: readonly string[],
): { collection: string; event: RxPullStreamEvent }[] {
  if (event === STREAM_EVENT.HELLO) {
    helloEventSchema.parse(data);
    return allCollections.map((collection) => ({ collection, event: 'RESYNC' as const }));
  }
  if (event === STREAM_EVENT.CHANGE) {
    const change = changeEventSchema.parse(data);
    return change.collections
      .filter((c) => allCollections.includes(c))
      .map((collection) => ({ collection, event: 'RESYNC' as const }));
  }
  return [];
}
