// The `channel-key` and `carrier-key` commands of sync-server/cli.ts: create, rotate, revoke and
// list the keys web shops and carriers use, straight against the storage (no server running).
// A new key goes to stdout alone so a script can capture it; everything else goes to stderr.
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../shared/errors';
import type { Storage } from '../storage/storage';
import { createCarrierKey, revokeCarrierKeys } from './carriers';
import { Catalog } from './catalog';
import { CHANNELS, createChannelKey, listChannels, revokeChannelKey, rotateChannelKey } from './channel-keys';
import { OrdersError } from './errors';

export interface CliOutput {
  /** The secret a script captures. */
  out(line: string): void;
  /** What a person reads. */
  info(line: string): void;
}

const CONSOLE: CliOutput = { out: (l) => console.log(l), info: (l) => console.error(l) };

export const CHANNEL_KEY_USAGE =
  'channel-key create --channel web|mobile|phone --code W01 --name "Web shop" --home-store S001 | rotate --id <channel id> [--webhook-secret] | revoke --id <channel id> | list';
export const CARRIER_KEY_USAGE = 'carrier-key create --carrier <code> [--rotate] | revoke --carrier <code>';

const usage = (text: string) => new DomainError(OrdersError.INVALID_PAYLOAD, `Usage: tsx sync-server/cli.ts ${text}`);

export async function channelKeyCommand(args: string[], storage: Storage, io: CliOutput = CONSOLE): Promise<void> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      channel: { type: 'string' },
      code: { type: 'string' },
      name: { type: 'string' },
      'home-store': { type: 'string' },
      id: { type: 'string' },
      'webhook-secret': { type: 'boolean', default: false },
    },
  });
  const now = new Date().toISOString();
  if (action === 'create') {
    const channel = CHANNELS.find((c) => c === values.channel);
    const code = values.code?.trim().toUpperCase() ?? '';
    if (!channel || !/^[A-Z0-9]{1,10}$/.test(code) || !values.name?.trim() || !values['home-store'])
      throw usage(CHANNEL_KEY_USAGE);
    const catalog = new Catalog(storage);
    await catalog.refresh();
    const store = catalog.storeByCode(values['home-store']);
    if (!store)
      throw new DomainError(OrdersError.INVALID_PAYLOAD, `No active store has the code ${values['home-store']}.`);
    const created = await createChannelKey(
      storage,
      { id: randomUUID(), channel, code, name: values.name.trim().slice(0, 100), homeStoreId: store.id },
      now,
    );
    io.info(`Channel ${created.code} (${created.channel}) id ${created.id}, home store ${store.payload.code}.`);
    io.info(`Webhook secret (Shopify-format HMAC): ${created.webhookSecret}`);
    io.info('API key (shown once; send it as "Authorization: Bearer <key>"):');
    io.out(created.apiKey);
    return;
  }
  if (action === 'rotate') {
    if (!values.id) throw usage(CHANNEL_KEY_USAGE);
    const rotated = await rotateChannelKey(storage, values.id, { webhookSecret: values['webhook-secret'] === true });
    io.info(`Channel ${rotated.id}: the old API key no longer works.`);
    if (values['webhook-secret']) io.info(`New webhook secret: ${rotated.webhookSecret}`);
    io.info('New API key (shown once):');
    io.out(rotated.apiKey);
    return;
  }
  if (action === 'revoke') {
    if (!values.id) throw usage(CHANNEL_KEY_USAGE);
    await revokeChannelKey(storage, values.id, now);
    io.info(`Channel ${values.id} revoked: its API key and webhook secret no longer work; its orders stay.`);
    return;
  }
  if (action === 'list') {
    for (const c of await listChannels(storage))
      io.out(`${c.id}\t${c.channel}\t${c.code}\t${c.name}\thome store ${c.homeStoreId}`);
    return;
  }
  throw usage(CHANNEL_KEY_USAGE);
}

export async function carrierKeyCommand(args: string[], storage: Storage, io: CliOutput = CONSOLE): Promise<void> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { carrier: { type: 'string' }, rotate: { type: 'boolean', default: false } },
  });
  const carrier = values.carrier?.trim().toLowerCase();
  if (!carrier) throw usage(CARRIER_KEY_USAGE);
  const now = new Date().toISOString();
  if (action === 'create') {
    const created = await createCarrierKey(storage, { id: randomUUID(), carrier, rotate: values.rotate === true }, now);
    io.info(
      `Tracking key for carrier ${carrier}${values.rotate ? ' (earlier keys revoked)' : ''}; POST /api/carriers/${carrier}/tracking with "Authorization: Bearer <key>" (shown once):`,
    );
    io.out(created.apiKey);
    return;
  }
  if (action === 'revoke') {
    const n = await revokeCarrierKeys(storage, carrier, now);
    io.info(`${n} key${n === 1 ? '' : 's'} of carrier ${carrier} revoked.`);
    return;
  }
  throw usage(CARRIER_KEY_USAGE);
}
