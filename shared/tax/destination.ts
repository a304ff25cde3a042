// Which jurisdiction taxes a remote order: where the customer takes the goods. A pickup is taxed
// where the pickup store is (its configured jurisdiction); a parcel where it is delivered. A
// delivery address maps to a jurisdiction from what HQ already publishes, most specific first:
//   1. tax rules for `CC-REGION-POSTALCODE` (a district with its own rate, e.g. US-NY-10007);
//   2. the jurisdiction of a store in the same country, region and city (a city tax such as
//      US-NY-NYC applies to every address in that city);
//   3. tax rules for `CC-REGION` (state or province), then for `CC` (a national VAT).
// No match is an answer too (undefined): the caller must not guess a rate.

export interface TaxAddress {
  country: string;
  region?: string | undefined;
  city: string;
  postalCode?: string | undefined;
}

/** A store as tax sees it: where it is and which jurisdiction its sales use. */
export interface TaxStore {
  jurisdiction: string;
  address: TaxAddress;
}

export type TaxDestination = { kind: 'pickup'; store: TaxStore } | { kind: 'ship'; address: TaxAddress };

export const TaxBasis = {
  PICKUP_STORE: 'pickup_store',
  POSTAL_CODE: 'postal_code',
  STORE_CITY: 'store_city',
  REGION: 'region',
  COUNTRY: 'country',
} as const;
export type TaxBasis = (typeof TaxBasis)[keyof typeof TaxBasis];

export interface DestinationJurisdiction {
  code: string;
  /** Which rule chose it, for the order's audit trail. */
  basis: TaxBasis;
}

const part = (text: string | undefined): string => (text ?? '').trim().replace(/\s+/g, ' ').toUpperCase();
/** ZIP+4 and spaced postcodes compare by their first block: 10007-1234 → 10007, "SW1A 1AA" → SW1A1AA. */
const postal = (text: string | undefined): string => part(text).split('-')[0]?.replace(/ /g, '') ?? '';

/**
 * The jurisdiction for an order's destination, given the jurisdiction codes that have tax rules
 * and the chain's stores; undefined when nothing published covers the address.
 */
export function destinationJurisdiction(
  destination: TaxDestination,
  jurisdictionsWithRules: ReadonlySet<string>,
  stores: readonly TaxStore[],
): DestinationJurisdiction | undefined {
  if (destination.kind === 'pickup') return { code: destination.store.jurisdiction, basis: TaxBasis.PICKUP_STORE };
  const a = destination.address;
  const country = part(a.country);
  const region = part(a.region);
  const zip = postal(a.postalCode);
  if (region && zip && jurisdictionsWithRules.has(`${country}-${region}-${zip}`))
    return { code: `${country}-${region}-${zip}`, basis: TaxBasis.POSTAL_CODE };
  const sameCity = stores
    .filter(
      (s) =>
        part(s.address.country) === country &&
        part(s.address.region) === region &&
        part(s.address.city) === part(a.city) &&
        jurisdictionsWithRules.has(s.jurisdiction),
    )
    .map((s) => s.jurisdiction)
    .sort();
  if (sameCity[0]) return { code: sameCity[0], basis: TaxBasis.STORE_CITY };
  if (region && jurisdictionsWithRules.has(`${country}-${region}`))
    return { code: `${country}-${region}`, basis: TaxBasis.REGION };
  if (jurisdictionsWithRules.has(country)) return { code: country, basis: TaxBasis.COUNTRY };
  return undefined;
}
