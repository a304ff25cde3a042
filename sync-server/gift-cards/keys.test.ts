// The server's gift card keys: generated once and shared by every instance on one database, the
// HMAC key replaceable by GIFT_CARD_KEY, a seal made with the public half opened to the card's token.
import { describe, expect, it } from 'vitest';
import { legacyGiftCardToken, sealGiftCardNumber, sealKeyIdOf, type GiftCardSealKey } from '../../shared/balances';
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
    expect(await again.sealKey()).toEqual(await a.sealKey());
    // Another database has other keys.
    expect((await (await ensureGiftCardKeys(settingsOnly(), undefined)).tokenOf(NUMBER)).token).not.toBe(token);
    expect(token).not.toBe((await legacyGiftCardToken(NUMBER)).token);
  });

  it('resolves a token to itself, a seal to the card token, and refuses a foreign seal', async () => {
    const keys = await ensureGiftCardKeys(settingsOnly(), undefined);
    const { token } = await keys.tokenOf(NUMBER);
    expect(await keys.resolve(token)).toBe(token);
    expect(await keys.resolve((await sealGiftCardNumber(await keys.sealKey(), NUMBER)).token)).toBe(token);
    expect(await keys.resolve('tok_other_issuer')).toBeNull();
    const foreign = await ensureGiftCardKeys(settingsOnly(), undefined);
    const sealed = await sealGiftCardNumber(await foreign.sealKey(), NUMBER);
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

  it('rotates the sealing key: old seals open within the grace period, not after it, and old registers keep working', async () => {
    const storage = settingsOnly();
    let now = new Date('2026-12-01T00:00:00.000Z');
    const clock = { now: () => now, sealKeyGraceDays: 30 };
    const [a, b] = await Promise.all([
      ensureGiftCardKeys(storage, undefined, clock),
      ensureGiftCardKeys(storage, undefined, clock),
    ]);
    const first = await a.sealKey();
    expect(first.kid).toMatch(/^[a-z]{8}$/);
    expect(await b.sealKey()).toEqual(first);
    const { token } = await a.tokenOf(NUMBER);
    const named = await sealGiftCardNumber(first, NUMBER);
    expect(sealKeyIdOf(named.token)).toBe(first.kid);
    // A register from before rotation holds the key without an id: its seal names none.
    const { kid: _kid, ...withoutId } = first;
    const legacy = await sealGiftCardNumber(withoutId as GiftCardSealKey, NUMBER);
    expect(sealKeyIdOf(legacy.token)).toBeUndefined();
    expect(await a.resolveNew(legacy.token)).toBe(token);

    now = new Date('2026-12-02T00:00:00.000Z');
    const rotated = await b.rotateSealKey();
    expect(rotated.status).toBe('current');
    // The other instance serves the new key at once.
    const second = await a.sealKey();
    expect(second.kid).toBe(rotated.id);
    expect(second.kid).not.toBe(first.kid);
    const fresh = await sealGiftCardNumber(second, NUMBER);
    expect(sealKeyIdOf(fresh.token)).toBe(second.kid);
    // An old register that fetched the new key but seals without an id is opened too.
    const { kid: _kid2, ...secondWithoutId } = second;
    const oldRegisterNewKey = await sealGiftCardNumber(secondWithoutId as GiftCardSealKey, NUMBER);
    for (const seal of [named, legacy, fresh, oldRegisterNewKey]) expect(await a.resolveNew(seal.token)).toBe(token);
    expect((await a.sealKeys()).map((k) => k.status)).toEqual(['grace', 'current']);

    now = new Date('2027-01-01T00:00:01.000Z'); // 30 days and a second after the rotation
    expect((await a.sealKeys())[0]).toMatchObject({
      status: 'expired',
      retiredAt: '2026-12-02T00:00:00.000Z',
      acceptedUntil: '2027-01-01T00:00:00.000Z',
    });
    for (const seal of [named, legacy]) {
      await expect(a.resolveNew(seal.token)).rejects.toMatchObject({ code: 'SYNC_GIFT_CARD_SEAL_KEY_EXPIRED' });
      // Spends already stored under the retired key stay readable.
      expect(await a.resolve(seal.token)).toBe(token);
    }
    expect(await a.resolveNew(fresh.token)).toBe(token);
    // A seal naming a key this server never had is not one of ours.
    const foreign = await sealGiftCardNumber(
      { ...(await (await ensureGiftCardKeys(settingsOnly(), undefined)).sealKey()), kid: 'zzzzzzzz' },
      NUMBER,
    );
    await expect(a.resolveNew(foreign.token)).rejects.toMatchObject({ code: 'BALANCE_BAD_SEAL' });
  });
});
