// Gift card endpoints. Registers: POST /api/gift-cards/lookup (number → token and balance) and
// GET /api/gift-cards/seal-key (the public key to seal a number with while offline). HQ:
// POST /api/hq/gift-cards/token (number → token and document id, to issue or load a card by
// writing its config document), GET /api/hq/gift-cards/seal-keys (the sealing key set) and
// POST /api/hq/gift-cards/seal-keys/rotate (a new current sealing key; keys.ts). Numbers travel only in request bodies, which are never logged.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { GIFT_CARD_API, giftCardDocId } from '../../shared/balances';
import { DomainError } from '../../shared/errors';
import { SyncError } from '../errors';
import { authenticate, requireHq } from '../http/auth-routes';
import type { ServerContext } from '../http/context';
import type { RateLimits } from '../http/guard';
import type { GiftCardKeys } from './keys';
import { lookUpGiftCard } from './lookup';

/** A number and nothing else; the body is tiny, so anything bigger is refused before parsing. */
const BODY_LIMIT = 1024;
const numberBody = z.strictObject({ number: z.string().min(1).max(40) });

function parseNumber(body: unknown): string {
  const parsed = numberBody.safeParse(body);
  if (!parsed.success) {
    throw new DomainError(SyncError.BAD_REQUEST, 'Send the gift card number as {"number": "6035…"}.', {
      field: 'number',
    });
  }
  return parsed.data.number;
}

// Per credential (a store's registers share an address behind NAT); hashed so no credential sits in memory as a key.
const perCredential = (request: { headers: { authorization?: string | undefined }; ip: string }) =>
  request.headers.authorization ? createHash('sha256').update(request.headers.authorization).digest('hex') : request.ip;

export function registerGiftCardRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  limits: RateLimits,
  keys: GiftCardKeys,
): void {
  const rateLimit = { max: limits.lookupPerMinute, timeWindow: 60_000, keyGenerator: perCredential };

  app.post(GIFT_CARD_API.lookup, { bodyLimit: BODY_LIMIT, config: { rateLimit } }, async (request) => {
    const principal = await authenticate(ctx, request);
    const card = await lookUpGiftCard(ctx, keys, principal, parseNumber(request.body));
    const seen = { deviceId: principal.deviceId, storeId: principal.storeId };
    if (card) request.log.info({ ...seen, last4: card.last4 }, 'gift card lookup');
    else request.log.warn(seen, 'gift card lookup: no card has this number');
    if (!card) {
      // One answer for every number this server has not issued: nothing tells a guess apart.
      throw new DomainError(
        SyncError.NOT_FOUND,
        'No gift card has this number. Check the number printed on the card, or take another way to pay.',
      );
    }
    const { kid } = await keys.sealKey();
    return kid === undefined ? card : { ...card, sealKeyId: kid };
  });

  app.get(GIFT_CARD_API.sealKey, async (request) => {
    await authenticate(ctx, request);
    return { publicKey: await keys.sealKey() };
  });

  app.get(GIFT_CARD_API.hqSealKeys, async (request) => {
    await requireHq(ctx, request);
    return { keys: await keys.sealKeys() };
  });

  app.post(GIFT_CARD_API.hqRotateSealKey, { bodyLimit: BODY_LIMIT }, async (request) => {
    const principal = await requireHq(ctx, request);
    const key = await keys.rotateSealKey();
    request.log.warn({ keyId: key.id, by: principal.deviceId }, 'gift card sealing key rotated');
    return { key, keys: await keys.sealKeys() };
  });

  app.post(GIFT_CARD_API.hqToken, { bodyLimit: BODY_LIMIT }, async (request) => {
    await requireHq(ctx, request);
    const { token, last4 } = await keys.tokenOf(parseNumber(request.body));
    return { id: giftCardDocId(token), token, last4 };
  });
}
