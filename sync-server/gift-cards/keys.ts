// The server's gift card secrets: the HMAC key that turns a card number into its token, and the
// ECDH key pair registers seal numbers with while offline. Both are generated once and kept in the
// database's settings table (written with putSettingIfAbsent, so every instance of a PostgreSQL
// deployment uses the same keys; never replicated, never logged). GIFT_CARD_KEY (base64 or hex, at
// least 32 bytes) replaces the stored HMAC key, e.g. to keep tokens when moving to a new database.
import { randomBytes } from 'node:crypto';
import {
  generateGiftCardSealKeys,
  giftCardToken,
  importGiftCardKey,
  importGiftCardSealPrivateKey,
  isGiftCardSealKey,
  isGiftCardToken,
  isSealedGiftCard,
  openSealedGiftCard,
  type GiftCardIdentity,
  type GiftCardSealKey,
} from '../../shared/balances';
import { StartupError } from '../startup-error';
import type { Storage } from '../storage/storage';

const SETTING = 'gift_card_keys_v1';

interface StoredKeys {
  hmac: string;
  sealPublic: GiftCardSealKey;
  sealPrivate: JsonWebKey;
}

/** What the server does with card numbers and tokens; the raw keys stay inside. */
export interface GiftCardKeys {
  /** The token of a card number (HMAC under the server key). */
  tokenOf(number: string): Promise<GiftCardIdentity>;
  /**
   * The card token a payment's `giftCard.token` stands for: itself when it is a token, the token of
   * the sealed number when it is a seal; throws BALANCE_BAD_SEAL for a seal this server cannot open.
   * Null for anything else (another issuer's reference).
   */
  resolve(token: string): Promise<string | null>;
  /** The public half of the sealing key, for registers. */
  sealKey: GiftCardSealKey;
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

export async function createGiftCardKeys(
  hmacRaw: Uint8Array<ArrayBuffer>,
  sealPrivate: JsonWebKey,
  sealKey: GiftCardSealKey,
): Promise<GiftCardKeys> {
  const hmac = await importGiftCardKey(hmacRaw);
  const open = await importGiftCardSealPrivateKey(sealPrivate);
  return {
    sealKey,
    tokenOf: (number) => giftCardToken(hmac, number),
    async resolve(token) {
      if (isGiftCardToken(token)) return token;
      if (!isSealedGiftCard(token)) return null;
      return (await giftCardToken(hmac, await openSealedGiftCard(open, token))).token;
    },
  };
}

async function freshKeys(): Promise<StoredKeys> {
  const seal = await generateGiftCardSealKeys();
  return { hmac: randomBytes(32).toString('base64'), sealPublic: seal.publicKey, sealPrivate: seal.privateKey };
}

/** New random keys held in memory only (tools and tests that run no server). */
export async function newGiftCardKeys(): Promise<GiftCardKeys> {
  const keys = await freshKeys();
  return createGiftCardKeys(keyBytes(keys.hmac), keys.sealPrivate, keys.sealPublic);
}

/** Loads the stored keys, generating them on the first start. */
export async function ensureGiftCardKeys(storage: Storage, configured: string | undefined): Promise<GiftCardKeys> {
  let stored = await storage.getSetting(SETTING);
  stored ??= await storage.putSettingIfAbsent(SETTING, JSON.stringify(await freshKeys()));
  const keys = parseStored(stored);
  const hmac = keyBytes(configured ?? keys.hmac);
  if (hmac.byteLength < 32) {
    throw new StartupError(
      'GIFT_CARD_KEY must hold at least 32 bytes, in base64 or hex (e.g. `openssl rand -base64 32`).',
    );
  }
  return createGiftCardKeys(hmac, keys.sealPrivate, keys.sealPublic);
}
