// UUIDv7 document ids (RFC 9562): 48-bit Unix milliseconds, then 74 random bits. Ids from one
// generator are strictly increasing even within a millisecond or when the clock steps back: the
// 74 bits act as a counter seeded at random, so RxDB and the server store them in creation order.
import { DomainError } from '../errors';
import { IdError } from './errors';

export type RandomFill = (bytes: Uint8Array) => void;

export interface UuidV7Options {
  now?: () => number;
  random?: RandomFill;
}

const RANDOM_BITS = 74n;
const RANDOM_MASK = (1n << RANDOM_BITS) - 1n;
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

function randomBits(fill: RandomFill): bigint {
  const bytes = new Uint8Array(10);
  fill(bytes);
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  // Keep the top bit clear so a burst of increments within one millisecond rarely overflows.
  return value & (RANDOM_MASK >> 1n);
}

function format(ms: number, rand: bigint): string {
  const randA = Number(rand >> 62n) & 0xfff;
  const randB = rand & ((1n << 62n) - 1n);
  const hex = (v: bigint | number, len: number) => v.toString(16).padStart(len, '0');
  const time = hex(ms, 12);
  const variantAndB = (2n << 62n) | randB; // variant bits 10
  const tail = hex(variantAndB, 16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(randA, 3)}-${tail.slice(0, 4)}-${tail.slice(4)}`;
}

/** A generator with its own monotonic state. Use one per process (see `uuidv7`). */
export function createUuidV7Generator(options: UuidV7Options = {}): () => string {
  const now = options.now ?? Date.now;
  let fill: RandomFill | undefined = options.random;
  let lastMs = -1;
  let lastRand = 0n;
  return () => {
    fill ??= defaultRandom();
    const clock = Math.floor(now());
    if (!Number.isSafeInteger(clock) || clock < 0 || clock > MAX_MS) {
      throw new DomainError(
        IdError.INVALID_UUID,
        `The clock reads ${String(clock)}, which cannot be put in an id. Check the device's date and time.`,
      );
    }
    if (clock > lastMs) {
      lastMs = clock;
      lastRand = randomBits(fill);
    } else {
      // Same millisecond, or the clock went back: stay on the last timestamp and count up.
      lastRand += 1n;
      if (lastRand > RANDOM_MASK) {
        lastMs += 1;
        lastRand = randomBits(fill);
      }
    }
    return format(lastMs, lastRand);
  };
}

let shared: (() => string) | undefined;

/** A new UUIDv7, monotonic within this process. */
export function uuidv7(): string {
  shared ??= createUuidV7Generator();
  return shared();
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
