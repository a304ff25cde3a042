// The server's gift card secrets: the HMAC key that turns a card number into its token, and the
// ECDH key pair registers seal numbers with while offline. Both are generated once and kept in the
// database's settings table (written with putSettingIfAbsent, so every instance of a PostgreSQL
// deployment uses the same keys; never replicated, never logged). GIFT_CARD_KEY (base64 or hex, at
// least 32 bytes) replaces the stored HMAC key, e.g. to keep tokens when moving to a new database.
// The sealing key rotates: each key of the set is its own setting (gift_card_seal_key_<n>, written
// with putSettingIfAbsent, so a rotation on one instance never overwrites another's and every
// instance reads the same set). Key 1 is the pair from gift_card_keys_v1. The newest key is the one
// registers get; key n is retired when key n+1 was made, and its seals are opened for
// SYNC_SEAL_KEY_GRACE_DAYS (default 30) after that; later ones are refused for new spends
// (SYNC_GIFT_CARD_SEAL_KEY_EXPIRED) while spends already stored under it stay readable.
import { randomBytes } from 'node:crypto';
import {
  BalanceError,
  generateGiftCardSealKeys,
  giftCardToken,
  importGiftCardKey,
  importGiftCardSealPrivateKey,
  isGiftCardSealKey,
  isGiftCardToken,
  isSealedGiftCard,
  openSealedGiftCard,
  sealKeyIdOf,
  type GiftCardIdentity,
  type GiftCardSealKey,
} from '../../shared/balances';
import { DomainError } from '../../shared/errors';
import { SyncError } from '../errors';
import { StartupError } from '../startup-error';
import type { Storage } from '../storage/storage';

const SETTING = 'gift_card_keys_v1';

interface StoredKeys {
  hmac: string;
  sealPublic: GiftCardSealKey;
  sealPrivate: JsonWebKey;
}

/** One key of the sealing key set, as stored. */
interface StoredSealKey {
  id: string;
  createdAt: string;
  publicKey: GiftCardSealKey;
  privateKey: JsonWebKey;
}

/** A sealing key as HQ sees it (never the private half). */
export interface SealKeyInfo {
  id: string;
  createdAt: string;
  /** When the next key replaced it; absent for the current key. */
  retiredAt?: string;
  /** Until when its seals are still accepted for new spends; absent for the current key. */
  acceptedUntil?: string;
  status: 'current' | 'grace' | 'expired';
}

/** Where the key set lives: the settings table, or memory for tools and tests without a server. */
interface SealKeyShelf {
  get(n: number): Promise<string | null>;
  putIfAbsent(n: number, value: string): Promise<string>;
}

export const DEFAULT_SEAL_KEY_GRACE_DAYS = 30;
const DAY_MS = 86_400_000;
const SEAL_KEY_SETTING = (n: number) => `gift_card_seal_key_${n}`;

/** What the server does with card numbers and tokens; the raw keys stay inside. */
export interface GiftCardKeys {
  /** The token of a card number (HMAC under the server key). */
  tokenOf(number: string): Promise<GiftCardIdentity>;
  /**
   * The card token a payment's `giftCard.token` stands for: itself when it is a token, the token of
   * the sealed number when it is a seal under any key of the set (retired ones too: spends already
   * stored stay readable); throws BALANCE_BAD_SEAL for a seal this server cannot open.
   * Null for anything else (another issuer's reference).
   */
  resolve(token: string): Promise<string | null>;
  /**
   * As resolve, for a spend being pushed now: a seal under a key retired longer ago than the grace
   * period throws SYNC_GIFT_CARD_SEAL_KEY_EXPIRED.
   */
  resolveNew(token: string): Promise<string | null>;
  /** The public half of the current sealing key (with its id), for registers. */
  sealKey(): Promise<GiftCardSealKey>;
  /** Makes a new sealing key the current one; the one it replaces enters its grace period. */
  rotateSealKey(): Promise<SealKeyInfo>;
  /** The key set, oldest first. */
  sealKeys(): Promise<SealKeyInfo[]>;
}

function keyBytes(text: string): Uint8Array<ArrayBuffer> {
  const hex = /^[0-9a-fA-F]+$/.test(text) && text.length % 2 === 0;
  return new Uint8Array(Buffer.from(text, hex ? 'hex' : 'base64'));
}

function parseStored(text: string): StoredKeys {
  const parsed = JSON.parse(text) as Partial<StoredKeys>;
  if (
    typeof parsed.hmac !== 'string' ||
    !isGiftCardSealKey(parsed.sealPublic) ||
    typeof parsed.sealPrivate !== 'object'
  ) {
    throw new StartupError(`The stored gift card keys (setting ${SETTING}) are damaged; restore them from a backup.`);
  }
  return parsed as StoredKeys;
}

function parseSealKey(n: number, text: string): StoredSealKey {
  const parsed = JSON.parse(text) as Partial<StoredSealKey>;
  if (
    typeof parsed.id !== 'string' ||
    typeof parsed.createdAt !== 'string' ||
    Number.isNaN(Date.parse(parsed.createdAt)) ||
    !isGiftCardSealKey(parsed.publicKey) ||
    typeof parsed.privateKey !== 'object'
  ) {
    throw new Error(`The stored gift card sealing key ${SEAL_KEY_SETTING(n)} is damaged; restore it from a backup.`);
  }
  return parsed as StoredSealKey;
}

/** A key id: 8 random lowercase letters. */
function newKeyId(): string {
  return [...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
}

function sealKeyRecord(publicKey: GiftCardSealKey, privateKey: JsonWebKey, createdAt: Date): StoredSealKey {
  const id = newKeyId();
  return { id, createdAt: createdAt.toISOString(), publicKey: { ...publicKey, kid: id }, privateKey };
}

function sealKeyExpired(): DomainError {
  return new DomainError(
    SyncError.GIFT_CARD_SEAL_KEY_EXPIRED,
    'This offline gift card spend was sealed with a server key retired too long ago, so it is refused. The register must go online to renew its key; collect the amount another way.',
  );
}

function badSeal(): DomainError {
  return new DomainError(
    BalanceError.BAD_SEAL,
    'This sealed gift card number cannot be opened with this server’s key. The register must look the card up again.',
  );
}

async function createGiftCardKeys(
  hmacRaw: Uint8Array<ArrayBuffer>,
  shelf: SealKeyShelf,
  graceDays: number,
  now: () => Date,
): Promise<GiftCardKeys> {
  const hmac = await importGiftCardKey(hmacRaw);
  const imported = new Map<string, Promise<CryptoKey>>();
  const privateOf = (key: StoredSealKey) => {
    let held = imported.get(key.id);
    if (!held) {
      held = importGiftCardSealPrivateKey(key.privateKey);
      imported.set(key.id, held);
    }
    return held;
  };
  /**
   * The whole set, read afresh (a rotation on another instance shows at once); oldest first. Calls
   * made while a read is under way (the seals of one push) share it.
   */
  let reading: Promise<StoredSealKey[]> | undefined;
  const readAll = async (): Promise<StoredSealKey[]> => {
    const keys: StoredSealKey[] = [];
    for (let n = 1; ; n += 1) {
      const text = await shelf.get(n);
      if (text === null) return keys;
      keys.push(parseSealKey(n, text));
    }
  };
  const load = (): Promise<StoredSealKey[]> =>
    (reading ??= readAll().finally(() => {
      reading = undefined;
    }));
  const infoOf = (keys: StoredSealKey[], i: number): SealKeyInfo => {
    const key = keys[i]!;
    const next = keys[i + 1];
    if (!next) return { id: key.id, createdAt: key.createdAt, status: 'current' };
    const until = new Date(Date.parse(next.createdAt) + graceDays * DAY_MS);
    return {
      id: key.id,
      createdAt: key.createdAt,
      retiredAt: next.createdAt,
      acceptedUntil: until.toISOString(),
      status: now().getTime() > until.getTime() ? 'expired' : 'grace',
    };
  };
  /** The number in a seal and the index of the key that opened it. */
  const open = async (token: string): Promise<{ number: string; keys: StoredSealKey[]; index: number }> => {
    const keys = await load();
    const kid = sealKeyIdOf(token);
    // A seal naming its key is tried with that key only; one without (registers from before
    // rotation) with the first key, then the others newest first.
    const order = kid
      ? keys.map((_, i) => i).filter((i) => keys[i]!.id === kid)
      : [
          0,
          ...keys
            .map((_, i) => i)
            .slice(1)
            .reverse(),
        ].filter((i) => i < keys.length);
    for (const index of order) {
      try {
        return { number: await openSealedGiftCard(await privateOf(keys[index]!), token), keys, index };
      } catch {
        // Not this key: try the next one.
      }
    }
    throw badSeal();
  };
  const resolveWith = async (token: string, fresh: boolean): Promise<string | null> => {
    if (isGiftCardToken(token)) return token;
    if (!isSealedGiftCard(token)) return null;
    const { number, keys, index } = await open(token);
    if (fresh && infoOf(keys, index).status === 'expired') throw sealKeyExpired();
    return (await giftCardToken(hmac, number)).token;
  };
  return {
    tokenOf: (number) => giftCardToken(hmac, number),
    resolve: (token) => resolveWith(token, false),
    resolveNew: (token) => resolveWith(token, true),
    async sealKey() {
      const keys = await load();
      return keys[keys.length - 1]!.publicKey;
    },
    async sealKeys() {
      const keys = await load();
      return keys.map((_, i) => infoOf(keys, i));
    },
    async rotateSealKey() {
      const pair = await generateGiftCardSealKeys();
      const record = sealKeyRecord(pair.publicKey, pair.privateKey, now());
      // The next free slot; a rotation racing on another instance takes one slot each.
      for (let n = (await readAll()).length + 1; ; n += 1) {
        const stored = await shelf.putIfAbsent(n, JSON.stringify(record));
        if (stored === JSON.stringify(record)) break;
      }
      // Read after the write, never a shared read that began before it.
      const keys = await readAll();
      return infoOf(
        keys,
        keys.findIndex((k) => k.id === record.id),
      );
    },
  };
}

async function freshKeys(): Promise<StoredKeys> {
  const seal = await generateGiftCardSealKeys();
  return { hmac: randomBytes(32).toString('base64'), sealPublic: seal.publicKey, sealPrivate: seal.privateKey };
}

/** Key 1 of the set is the pair of gift_card_keys_v1 (the key registers already in the field hold). */
async function firstSealKey(shelf: SealKeyShelf, keys: StoredKeys, now: Date): Promise<void> {
  await shelf.putIfAbsent(1, JSON.stringify(sealKeyRecord(keys.sealPublic, keys.sealPrivate, now)));
}

export interface GiftCardKeyOptions {
  /** Days a retired sealing key's seals stay accepted (SYNC_SEAL_KEY_GRACE_DAYS; default 30). */
  sealKeyGraceDays?: number | undefined;
  /** The clock (tests). */
  now?: () => Date;
}

/** New random keys held in memory only (tools and tests that run no server). */
export async function newGiftCardKeys(options: GiftCardKeyOptions = {}): Promise<GiftCardKeys> {
  const keys = await freshKeys();
  const held = new Map<number, string>();
  const shelf: SealKeyShelf = {
    get: (n) => Promise.resolve(held.get(n) ?? null),
    putIfAbsent: (n, value) => {
      if (!held.has(n)) held.set(n, value);
      return Promise.resolve(held.get(n)!);
    },
  };
  const now = options.now ?? (() => new Date());
  await firstSealKey(shelf, keys, now());
  return createGiftCardKeys(keyBytes(keys.hmac), shelf, options.sealKeyGraceDays ?? DEFAULT_SEAL_KEY_GRACE_DAYS, now);
}

/** Loads the stored keys, generating them on the first start. */
export async function ensureGiftCardKeys(
  storage: Storage,
  configured: string | undefined,
  options: GiftCardKeyOptions = {},
): Promise<GiftCardKeys> {
  let stored = await storage.getSetting(SETTING);
  stored ??= await storage.putSettingIfAbsent(SETTING, JSON.stringify(await freshKeys()));
  const keys = parseStored(stored);
  const hmac = keyBytes(configured ?? keys.hmac);
  if (hmac.byteLength < 32) {
    throw new StartupError(
      'GIFT_CARD_KEY must hold at least 32 bytes, in base64 or hex (e.g. `openssl rand -base64 32`).',
    );
  }
  const shelf: SealKeyShelf = {
    get: (n) => storage.getSetting(SEAL_KEY_SETTING(n)),
    putIfAbsent: (n, value) => storage.putSettingIfAbsent(SEAL_KEY_SETTING(n), value),
  };
  const now = options.now ?? (() => new Date());
  await firstSealKey(shelf, keys, now());
  return createGiftCardKeys(hmac, shelf, options.sealKeyGraceDays ?? DEFAULT_SEAL_KEY_GRACE_DAYS, now);
}
