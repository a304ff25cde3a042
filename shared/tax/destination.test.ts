import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { destinationJurisdiction, TaxBasis, type TaxStore } from './destination';

const midtown: TaxStore = {
  jurisdiction: 'US-NY-NYC',
  address: { country: 'US', region: 'NY', city: 'New York', postalCode: '10118' },
};
const albany: TaxStore = {
  jurisdiction: 'US-NY-ALB',
  address: { country: 'US', region: 'NY', city: 'Albany', postalCode: '12207' },
};
const rules = new Set(['US-NY-NYC', 'US-NY-ALB', 'US-NY', 'US-NJ', 'US-NY-10007', 'GB']);
const stores = [midtown, albany];
const ship = (address: { country: string; region?: string; city: string; postalCode?: string }) =>
  destinationJurisdiction({ kind: 'ship', address }, rules, stores);

describe('destinationJurisdiction', () => {
  it('taxes a pickup where the pickup store is, whatever the customer lives', () => {
    expect(destinationJurisdiction({ kind: 'pickup', store: albany }, rules, stores)).toEqual({
      code: 'US-NY-ALB',
      basis: TaxBasis.PICKUP_STORE,
    });
  });

  it('prefers a postal-code jurisdiction, then the city of a store, then the region, then the country', () => {
    expect(ship({ country: 'US', region: 'NY', city: 'New York', postalCode: '10007-1234' })).toEqual({
      code: 'US-NY-10007',
      basis: TaxBasis.POSTAL_CODE,
    });
    expect(ship({ country: 'US', region: 'NY', city: ' new  york ', postalCode: '10001' })).toEqual({
      code: 'US-NY-NYC',
      basis: TaxBasis.STORE_CITY,
    });
    expect(ship({ country: 'US', region: 'NY', city: 'Buffalo', postalCode: '14201' })).toEqual({
      code: 'US-NY',
      basis: TaxBasis.REGION,
    });
    expect(ship({ country: 'GB', city: 'London', postalCode: 'SW1A 1AA' })).toEqual({
      code: 'GB',
      basis: TaxBasis.COUNTRY,
    });
  });

  it('does not borrow a city rate across regions or from a jurisdiction without rules', () => {
    // A New Jersey place called New York is not taxed like New York City.
    expect(ship({ country: 'US', region: 'NJ', city: 'New York' })).toEqual({ code: 'US-NJ', basis: TaxBasis.REGION });
    const unpublished: TaxStore = { ...midtown, jurisdiction: 'US-NY-XYZ' };
    expect(
      destinationJurisdiction(
        { kind: 'ship', address: { country: 'US', region: 'NY', city: 'New York' } },
        new Set(['US-NY']),
        [unpublished],
      ),
    ).toEqual({ code: 'US-NY', basis: TaxBasis.REGION });
  });

  it('answers undefined when nothing published covers the address', () => {
    expect(ship({ country: 'US', region: 'CA', city: 'Los Angeles', postalCode: '90001' })).toBeUndefined();
    expect(ship({ country: 'FR', city: 'Paris' })).toBeUndefined();
  });

  it('is deterministic and only ever answers a jurisdiction that has rules', () => {
    const word = fc.constantFrom('US', 'GB', 'NY', 'NJ', 'New York', 'Albany', '10007', '12207', '', 'CA');
    fc.assert(
      fc.property(word, word, word, word, (country, region, city, postalCode) => {
        const answer = ship({ country, region, city, postalCode });
        expect(ship({ country, region, city, postalCode })).toEqual(answer);
        if (answer) expect(rules.has(answer.code)).toBe(true);
      }),
    );
  });
});
