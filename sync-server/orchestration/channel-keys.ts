// Per-channel API keys for order intake (web shop, mobile app, phone desk). Only the key's
// sha-256 is stored; the webhook secret must stay readable because an HMAC is computed with it.
import { DomainError } from '../../shared/errors';
import { newCredential, sha256 } from '../auth/tokens';
import type { Storage } from '../storage/storage';
import type { ChannelKey } from './build-order';
import { OrdersError } from './errors';

export const CHANNELS = ['web', 'mobile', 'phone'] as const;

interface Row {
  id: string;
  channel: string;
  code: string;
  name: string;
  home_store_id: string;
  webhook_secret: string;
  revoked_at: string | null;
}

const toKey = (r: Row): ChannelKey & { webhookSecret: string } => ({
  id: r.id,
  channel: r.channel as ChannelKey['channel'],
  code: r.code,
  name: r.name,
  homeStoreId: r.home_store_id,
  webhookSecret: r.webhook_secret,
});

export interface CreatedChannelKey {
  id: string;
  channel: string;
  code: string;
  name: string;
  homeStoreId: string;
  /** Shown once: send it as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** For Shopify-format webhooks: the HMAC-SHA256 secret. */
  webhookSecret: string;
}

export async function createChannelKey(
  storage: Storage,
  input: { id: string; channel: ChannelKey['channel']; code: string; name: string; homeStoreId: string },
  now: string,
): Promise<CreatedChannelKey> {
  const apiKey = `ck_${newCredential()}`;
  const webhookSecret = newCredential();
  await storage.query(
    'INSERT INTO channel_keys (id, channel, code, name, key_hash, webhook_secret, home_store_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [input.id, input.channel, input.code, input.name, sha256(apiKey), webhookSecret, input.homeStoreId, now],
  );
  return { ...input, apiKey, webhookSecret };
}

export async function channelByApiKey(storage: Storage, authorization: string | undefined): Promise<ChannelKey> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match?.[1])
    throw new DomainError(
      OrdersError.UNAUTHENTICATED,
      'Send the channel API key as "Authorization: Bearer <key>"; HQ creates keys at POST /api/hq/channels.',
    );
  const row = (await storage.query<Row>('SELECT * FROM channel_keys WHERE key_hash = ?', [sha256(match[1])]))[0];
  if (!row || row.revoked_at)
    throw new DomainError(OrdersError.UNAUTHENTICATED, 'This API key is unknown or revoked; ask HQ for a new one.');
  return toKey(row);
}

export async function channelById(
  storage: Storage,
  id: string,
): Promise<(ChannelKey & { webhookSecret: string }) | undefined> {
  const row = (await storage.query<Row>('SELECT * FROM channel_keys WHERE id = ? AND revoked_at IS NULL', [id]))[0];
  return row ? toKey(row) : undefined;
}

export async function listChannels(storage: Storage): Promise<ChannelKey[]> {
  return (await storage.query<Row>('SELECT * FROM channel_keys WHERE revoked_at IS NULL ORDER BY created_at, id')).map(
    (r) => {
      const { webhookSecret: _secret, ...key } = toKey(r);
      return key;
    },
  );
}

/** A new API key for a live channel (the old one stops working at once); the webhook secret too when asked. */
export async function rotateChannelKey(
  storage: Storage,
  id: string,
  options: { webhookSecret: boolean },
): Promise<{ id: string; apiKey: string; webhookSecret: string }> {
  const apiKey = `ck_${newCredential()}`;
  const rows = options.webhookSecret
    ? await storage.query<Row>(
        'UPDATE channel_keys SET key_hash = ?, webhook_secret = ? WHERE id = ? AND revoked_at IS NULL RETURNING *',
        [sha256(apiKey), newCredential(), id],
      )
    : await storage.query<Row>('UPDATE channel_keys SET key_hash = ? WHERE id = ? AND revoked_at IS NULL RETURNING *', [
        sha256(apiKey),
        id,
      ]);
  const row = rows[0];
  if (!row)
    throw new DomainError(OrdersError.NOT_FOUND, `No live channel has the id ${id}; list them with channel-key list.`);
  return { id, apiKey, webhookSecret: row.webhook_secret };
}

/** Revokes the channel: its API key and webhook secret stop working; its orders stay. */
export async function revokeChannelKey(storage: Storage, id: string, now: string): Promise<void> {
  const rows = await storage.query<Row>(
    'UPDATE channel_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL RETURNING *',
    [now, id],
  );
  if (rows.length === 0)
    throw new DomainError(OrdersError.NOT_FOUND, `No live channel has the id ${id}; list them with channel-key list.`);
}
