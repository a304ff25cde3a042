import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { containsPan } from '../schemas/pan';
import { BalanceError } from './errors';
import {
  generateGiftCardSealKeys,
  importGiftCardSealPrivateKey,
  isGiftCardSealKey,
  isSealedGiftCard,
  openSealedGiftCard,
  sealGiftCardNumber,
} from './gift-card-seal';

describe('sealed gift card numbers', () => {
  it('opens with the server key to the digits, fits the token field and differs every time', async () => {
    const keys = await generateGiftCardSealKeys();
    expect(isGiftCardSealKey(keys.publicKey)).toBe(true);
    const privateKey = await importGiftCardSealPrivateKey(keys.privateKey);
    const a = await sealGiftCardNumber(keys.publicKey, '6035 7100 0000 0001');
    const b = await sealGiftCardNumber(keys.publicKey, '6035710000000001');
    expect(a.last4).toBe('0001');
    expect(a.token).not.toBe(b.token);
    expect(isSealedGiftCard(a.token)).toBe(true);
    expect(a.token.length).toBeLessThanOrEqual(200);
    expect(a.token).toMatch(/^gcs_[a-zA-F]+$/);
    expect(await openSealedGiftCard(privateKey, a.token)).toBe('6035710000000001');
    expect(await openSealedGiftCard(privateKey, b.token)).toBe('6035710000000001');
    expect(await openSealedGiftCard(privateKey, (await sealGiftCardNumber(keys.publicKey, '123456789012')).token)).toBe(
      '123456789012',
    );
  });

  it('refuses a seal made for another server, an altered seal and garbage with BALANCE_BAD_SEAL', async () => {
    const mine = await generateGiftCardSealKeys();
    const other = await generateGiftCardSealKeys();
    const privateKey = await importGiftCardSealPrivateKey(mine.privateKey);
    const foreign = await sealGiftCardNumber(other.publicKey, '6035710000000001');
    await expect(openSealedGiftCard(privateKey, foreign.token)).rejects.toMatchObject({ code: BalanceError.BAD_SEAL });
    const { token } = await sealGiftCardNumber(mine.publicKey, '6035710000000001');
    const flipped = token.slice(0, 150) + (token[150] === 'a' ? 'b' : 'a') + token.slice(151);
    await expect(openSealedGiftCard(privateKey, flipped)).rejects.toMatchObject({ code: BalanceError.BAD_SEAL });
    await expect(openSealedGiftCard(privateKey, 'gcs_abc')).rejects.toMatchObject({ code: BalanceError.BAD_SEAL });
    await expect(openSealedGiftCard(privateKey, 'gc_' + 'a'.repeat(64))).rejects.toMatchObject({
      code: BalanceError.BAD_SEAL,
    });
  });

  it('never holds a run the card-number detector would take for a PAN (property)', async () => {
    const keys = await generateGiftCardSealKeys();
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^\d{16}$/), async (number) => {
        const { token } = await sealGiftCardNumber(keys.publicKey, number);
        expect(containsPan(token)).toBe(false);
        expect(/\d/.test(token)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a damaged public key with BALANCE_BAD_KEY', async () => {
    const bad = { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) } as const;
    await expect(sealGiftCardNumber(bad, '6035710000000001')).rejects.toMatchObject({ code: BalanceError.BAD_KEY });
    expect(isGiftCardSealKey({ kty: 'EC', crv: 'P-256', x: 'short', y: 'y' })).toBe(false);
  });
});
