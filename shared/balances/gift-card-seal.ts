// A register that is offline cannot ask the server for a card's token, and must not be able to
// compute one (that would need the server's HMAC key). It seals the number for the server instead:
// ECDH P-256 with a fresh key per seal, HKDF-SHA256, AES-256-GCM (WebCrypto, so the same code runs
// in the renderer and in Node). Only the server holds the private key; it opens the seal when the
// spend is pushed, computes the token and books the spend on the card. A sealed number is written
// in letters only (no digit), so the PAN detector never takes it for a card number, and it fits the
// payment schema's token field (at most 200 characters: "gcs_" + 180 letters, or
// "gcs_" + key id + "_" + 180 letters = 193 when the server's key names its id). The key id lets the
// server rotate its sealing key and still open seals made under a retired one; a seal without one
// (registers from before rotation) is opened with whichever key of the server's set fits.
import { DomainError } from '../errors';
import { BalanceError } from './errors';
import { normalizeGiftCardNumber, type GiftCardIdentity } from './gift-card-number';

const PREFIX = 'gcs_';
/** 32 letters, 5 bits each: uncompressed point (65) + IV (12) + 19 padded digits + GCM tag (16) = 112 bytes. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEF';
const POINT_BYTES = 65;
const IV_BYTES = 12;
const PLAIN_BYTES = 19;
const SEALED_BYTES = POINT_BYTES + IV_BYTES + PLAIN_BYTES + 16;
const SEALED_LETTERS = Math.ceil((SEALED_BYTES * 8) / 5);
/** A sealing key's id: 8 lowercase letters (no digit, so no PAN can form across it). */
const KEY_ID = /^[a-z]{8}$/;
const SEALED = new RegExp(`^${PREFIX}(?:([a-z]{8})_)?[${ALPHABET}]{${SEALED_LETTERS}}$`);
const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
const INFO = new TextEncoder().encode('store-pos gift card seal v1');

/** The public half of the server's sealing key, as registers receive it (GET /api/gift-cards/seal-key). */
export interface GiftCardSealKey {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  /** The key's id (8 lowercase letters), named in every seal made with it; absent on keys from before rotation. */
  kid?: string;
}

export function isSealedGiftCard(token: string): boolean {
  return SEALED.test(token);
}

/** The id of the key a seal names, or undefined for a seal without one (or not a seal). */
export function sealKeyIdOf(token: string): string | undefined {
  return SEALED.exec(token)?.[1];
}

export function isSealKeyId(value: unknown): value is string {
  return typeof value === 'string' && KEY_ID.test(value);
}

function encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31]!;
    }
    buffer &= (1 << bits) - 1;
  }
  return bits > 0 ? out + ALPHABET[(buffer << (5 - bits)) & 31]! : out;
}

function decode(text: string): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    buffer = (buffer << 5) | ALPHABET.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 255);
    }
    buffer &= (1 << bits) - 1;
  }
  return new Uint8Array(out);
}

async function aesKey(
  privateKey: CryptoKey,
  publicKey: CryptoKey,
  salt: Uint8Array<ArrayBuffer>,
  usage: KeyUsage,
): Promise<CryptoKey> {
  const subtle = globalThis.crypto.subtle;
  const secret = await subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
  const hkdf = await subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: INFO },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

export function isGiftCardSealKey(value: unknown): value is GiftCardSealKey {
  const v = value as Partial<GiftCardSealKey> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.kty === 'EC' &&
    v.crv === 'P-256' &&
    typeof v.x === 'string' &&
    typeof v.y === 'string' &&
    /^[A-Za-z0-9_-]{43}$/.test(v.x) &&
    /^[A-Za-z0-9_-]{43}$/.test(v.y) &&
    (v.kid === undefined || isSealKeyId(v.kid))
  );
}

/** Seals a card number for the server; `token` is the sealed form, to be stored where a token goes. */
export async function sealGiftCardNumber(sealKey: GiftCardSealKey, raw: string): Promise<GiftCardIdentity> {
  const digits = normalizeGiftCardNumber(raw);
  const subtle = globalThis.crypto.subtle;
  let server: CryptoKey;
  try {
    server = await subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: sealKey.x, y: sealKey.y }, CURVE, false, []);
  } catch {
    throw new DomainError(
      BalanceError.BAD_KEY,
      'The server sealing key this register holds is damaged; go online once to renew it.',
    );
  }
  const ephemeral = (await subtle.generateKey(CURVE, true, ['deriveBits'])) as CryptoKeyPair;
  const point = new Uint8Array(await subtle.exportKey('raw', ephemeral.publicKey));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const key = await aesKey(ephemeral.privateKey, server, point, 'encrypt');
  const plain = new TextEncoder().encode(digits.padEnd(PLAIN_BYTES, ' '));
  const sealed = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
  const bytes = new Uint8Array(SEALED_BYTES);
  bytes.set(point, 0);
  bytes.set(iv, POINT_BYTES);
  bytes.set(sealed, POINT_BYTES + IV_BYTES);
  const named = sealKey.kid !== undefined && isSealKeyId(sealKey.kid) ? `${sealKey.kid}_` : '';
  return { token: PREFIX + named + encode(bytes), last4: digits.slice(-4) };
}

function badSeal(): DomainError {
  return new DomainError(
    BalanceError.BAD_SEAL,
    'This sealed gift card number cannot be opened with this server’s key. The register must look the card up again.',
  );
}

/** Server only: the card number inside a seal (throws BALANCE_BAD_SEAL when it is not one of ours). */
export async function openSealedGiftCard(privateKey: CryptoKey, token: string): Promise<string> {
  if (!isSealedGiftCard(token)) throw badSeal();
  const bytes = decode(token.slice(-SEALED_LETTERS)).slice(0, SEALED_BYTES);
  const subtle = globalThis.crypto.subtle;
  try {
    const point = bytes.slice(0, POINT_BYTES);
    const ephemeral = await subtle.importKey('raw', point, CURVE, false, []);
    const key = await aesKey(privateKey, ephemeral, point, 'decrypt');
    const plain = await subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.slice(POINT_BYTES, POINT_BYTES + IV_BYTES) },
      key,
      bytes.slice(POINT_BYTES + IV_BYTES),
    );
    return normalizeGiftCardNumber(new TextDecoder().decode(plain));
  } catch {
    throw badSeal();
  }
}

/** Server only: a new sealing key pair, both halves as JWK (the private one stays on the server). */
export async function generateGiftCardSealKeys(): Promise<{ publicKey: GiftCardSealKey; privateKey: JsonWebKey }> {
  const pair = (await globalThis.crypto.subtle.generateKey(CURVE, true, ['deriveBits'])) as CryptoKeyPair;
  const pub = await globalThis.crypto.subtle.exportKey('jwk', pair.publicKey);
  const privateKey = await globalThis.crypto.subtle.exportKey('jwk', pair.privateKey);
  return { publicKey: { kty: 'EC', crv: 'P-256', x: pub.x!, y: pub.y! }, privateKey };
}

/** Server only: the private sealing key from its JWK. */
export async function importGiftCardSealPrivateKey(jwk: JsonWebKey): Promise<CryptoKey> {
  try {
    return await globalThis.crypto.subtle.importKey('jwk', jwk, CURVE, false, ['deriveBits']);
  } catch {
    throw new DomainError(BalanceError.BAD_KEY, 'The stored gift card sealing key cannot be read.');
  }
}
