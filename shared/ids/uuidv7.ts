// UUIDv7 document ids (RFC 9562) from the `uuid` library: 48-bit Unix milliseconds, a 31-bit counter
// seeded at random, then random bits. Ids from one generator are strictly increasing even within a
// millisecond or when the clock steps back, so RxDB and the server store them in creation order.
import { v7 } from 'uuid';
import { DomainError } from '../errors';
import { IdError } from './errors';

export type RandomFill = (bytes: Uint8Array) => void;

export interface UuidV7Options {
  now?: () => number;
  random?: RandomFill;
}

const MAX_MS = 2 ** 48 - 1;
const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function defaultRandom(): RandomFill {
  const cryptoObj = (globalThis as { crypto?: { getRandomValues?: (b: Uint8Array) => Uint8Array } }).crypto;
  if (!cryptoObj?.getRandomValues) {
    throw new DomainError(
      IdError.NO_RANDOM_SOURCE,
      'This runtime has no crypto.getRandomValues; ids cannot be created safely. Use Node 20 or a current browser.',
    );
  }
  const getRandomValues = cryptoObj.getRandomValues.bind(cryptoObj);
  return (bytes) => {
    getRandomValues(bytes);
  };
}

/**
 * A generator with its own clock, random source and monotonic state (seeded demo data, benchmarks,
 * tests). The library's own state serves `uuidv7()`; this one keeps the same rule: a new
 * millisecond reseeds the counter, the same or an earlier one counts up on the last timestamp.
 */
export function createUuidV7Generator(options: UuidV7Options = {}): () => string {
  const now = options.now ?? Date.now;
  let fill: RandomFill | undefined = options.random;
  let msecs = -1;
  let seq = 0;
  return () => {
    fill ??= defaultRandom();
    const clock = Math.floor(now());
    if (!Number.isSafeInteger(clock) || clock < 0 || clock > MAX_MS) {
      throw new DomainError(
        IdError.INVALID_UUID,
        `The clock reads ${String(clock)}, which cannot be put in an id. Check the device's date and time.`,
      );
    }
    const random = new Uint8Array(16);
    fill(random);
    if (clock > msecs) {
      msecs = clock;
      // The top bit stays clear so a burst within one millisecond rarely overflows the counter.
      seq =
        (((random[6] as number) & 0x3f) << 24) |
        ((random[7] as number) << 16) |
        ((random[8] as number) << 8) |
        (random[9] as number);
    } else {
      seq = (seq + 1) | 0;
      if (seq === 0 || seq > 0x7fffffff) {
        msecs += 1;
        seq = 0;
      }
    }
    return v7({ msecs, seq, random });
  };
}

/** A new UUIDv7, monotonic within this process (the library's own state). */
export function uuidv7(): string {
  return v7();
}

export function isUuidV7(value: unknown): value is string {
  return typeof value === 'string' && V7.test(value);
}

export function assertUuidV7(value: unknown, what = 'id'): asserts value is string {
  if (!isUuidV7(value)) {
    throw new DomainError(
      IdError.INVALID_UUID,
      `The ${what} "${String(value).slice(0, 60)}" is not a UUIDv7 (lowercase, version 7).`,
      { value: String(value).slice(0, 60) },
    );
  }
}

/** The creation time embedded in a UUIDv7, in Unix milliseconds. Informational only, like every clock. */
export function uuidV7Timestamp(value: string): number {
  assertUuidV7(value);
  return parseInt(value.slice(0, 8) + value.slice(9, 13), 16);
}
