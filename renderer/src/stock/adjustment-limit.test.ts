// The Adjust screen's approval limit comes from the store's policy through the sale context.
import { describe, expect, it } from 'vitest';
import type { ConfigDoc } from '../../../shared/schemas/config';
import { configFixtures } from '../../../test/support/fixtures/config';
import { buildSaleContext } from '../local-data/sale-context';

const { store, policy, tax_rule: taxRule } = configFixtures;
const withLimit = (key: string, id: string, limit: number): ConfigDoc => ({
  ...policy,
  id,
  key,
  payload: { ...policy.payload, inventory: { adjustmentApprovalOver: limit } },
});
const limitOf = (docs: ConfigDoc[]) =>
  buildSaleContext([taxRule, ...docs], store.id, 'device-1').adjustmentApprovalOver;

describe('adjustment approval limit on the register', () => {
  it('is 50.00 when the policy sets none, else the default policy’s, and a store override wins', () => {
    expect(limitOf([store, policy])).toBe(5_000);
    expect(limitOf([store])).toBe(5_000);
    const chain = withLimit('default', '01937a00-0000-7000-8000-0000000000a1', 12_500);
    expect(limitOf([store, chain])).toBe(12_500);
    const override = withLimit(store.payload.code, '01937a00-0000-7000-8000-0000000000a2', 0);
    expect(limitOf([store, chain, override])).toBe(0);
  });
});
