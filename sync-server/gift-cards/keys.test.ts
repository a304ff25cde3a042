// The server's gift card keys: generated once and shared by every instance on one database, the
// HMAC key replaceable by GIFT_CARD_KEY, a seal made with the public half opened to the card's token.
import { describe, expect, it } from 'vitest';
import { legacyGiftCardToken, sealGiftCardNumber } from '../../shared/balances';
import type { Storage } from '../storage/storage';
import { ensureGiftCardKeys } from './keys';

/** The settings part of Storage, in memory. */
function settingsOnly(): Storage {
  const settings = new Map<string, string>();
  return {
    getSetting: (key: string) => Promise.resolve(settings.get(key) ?? null),
    putSettingIfAbsent: (key: string, value: string) => {
      if (!settings.has(key)) settings.set(key, value);
      return Promise.resolve(settings.get(key)!);
    },
  } as unknown as Storage;
}

const NUMBER = '6035710000000001';

describe('gift card keys', () => {
  it('are generated once: a second instance on the same database makes the same tokens', async () => {
    const storage = settingsOnly();
    const [a, b] = await Promise.all([ensureGiftCardKeys(storage, undefined), ensureGiftCardKeys(storage, undefined)]);
    const again = await ensureGiftCardKeys(storage, undefined);
    const token = (await a.tokenOf(NUMBER)).token;
    expect((await b.tokenOf(NUMBER)).token).toBe(token);
    expect((await again.tokenOf(NUMBER)).token).toBe(token);
    expect(again.sealKey).toEqual(a.sealKey);
    // Another database has other keys.
    expect((await (await ensureGiftCardKeys(settingsOnly(), undefined)).tokenOf(NUMBER)).token).not.toBe(token);
    expect(token).not.toBe((await legacyGiftCardToken(NUMBER)).token);
  });

  it('resolves a token to itself, a seal to the card token, and refuses a foreign seal', async () => {
    const keys = await ensureGiftCardKeys(settingsOnly(), undefined);
    const { token } = await keys.tokenOf(NUMBER);
    expect(await keys.resolve(token)).toBe(token);
    expect(await keys.resolve((await sealGiftCardNumber(keys.sealKey, NUMBER)).token)).toBe(token);
    expect(await keys.resolve('tok_other_issuer')).toBeNull();
    const foreign = await ensureGiftCardKeys(settingsOnly(), undefined);
    const sealed = await sealGiftCardNumber(foreign.sealKey, NUMBER);
    await expect(keys.resolve(sealed.token)).rejects.toMatchObject({ code: 'BALANCE_BAD_SEAL' });
  });

  it('takes the HMAC key from GIFT_CARD_KEY (hex or base64, at least 32 bytes) over the stored one', async () => {
    const hex = 'ab'.repeat(32);
    const base64 = Buffer.from(hex, 'hex').toString('base64');
    const [one, two] = await Promise.all([
      ensureGiftCardKeys(settingsOnly(), hex),
      ensureGiftCardKeys(settingsOnly(), base64),
    ]);
    expect((await one.tokenOf(NUMBER)).token).toBe((await two.tokenOf(NUMBER)).token);
    await expect(ensureGiftCardKeys(settingsOnly(), 'short')).rejects.toThrow(/GIFT_CARD_KEY/);
  });
});
