import { describe, expect, it } from 'vitest';
import { codeOf } from '../../test/support/error-code';
import { ShippingError, TrackingStatus, type LabelRequest } from './carrier';
import { parcelFor } from './parcels';
import { SimulatedCarrier, billableKg, isSimulatedTrackingNumber } from './simulator';
import { zplField, zplLabelBytes, zplLabelText } from './zpl';

const from = {
  name: 'Store S001',
  line1: '1 Main St',
  city: 'Springfield',
  region: 'IL',
  postalCode: '62701',
  country: 'US',
};
const to = { name: 'Sam ^Rivera~', line1: '9 Elm Rd', city: 'Shelbyville', postalCode: '62565', country: 'US' };
const request = (service = 'ground'): LabelRequest => ({
  reference: 'WEB-W01-000042-Y',
  from,
  to,
  parcel: parcelFor('M', 2_300),
  service,
  currency: 'USD',
});

describe('simulated carrier', () => {
  it('quotes by billable weight (volume counts for a light big box)', async () => {
    const carrier = new SimulatedCarrier();
    expect(billableKg(parcelFor('L', 500))).toBe(12); // 500×400×300 mm = 60,000 cm³ / 5000
    const quotes = await carrier.rates(to, parcelFor('S', 1_200), 'USD');
    expect(quotes).toEqual([
      { carrier: 'SIMSHIP', service: 'ground', cost: 599 + 120 * 2, currency: 'USD', days: 4 },
      { carrier: 'SIMSHIP', service: 'express', cost: 1499 + 250 * 2, currency: 'USD', days: 1 },
    ]);
  });

  it('issues distinct tracking numbers with a check digit and tracks them over time', async () => {
    let now = new Date('2026-12-02T10:00:00Z');
    const carrier = new SimulatedCarrier({ now: () => now });
    const a = await carrier.createLabel(request());
    const b = await carrier.createLabel(request('express'));
    expect(a.trackingNumber).not.toBe(b.trackingNumber);
    expect(isSimulatedTrackingNumber(a.trackingNumber)).toBe(true);
    expect(isSimulatedTrackingNumber(a.trackingNumber.replace(/\d$/, (d) => String((Number(d) + 1) % 10)))).toBe(false);
    expect(b.cost).toBe(1499 + 250 * 3);
    expect((await carrier.track(a.trackingNumber)).map((e) => e.status)).toEqual([TrackingStatus.LABEL_CREATED]);
    now = new Date('2026-12-02T13:30:00Z');
    expect((await carrier.track(a.trackingNumber)).at(-1)?.status).toBe(TrackingStatus.DELIVERED);
    await expect(carrier.track('SIM000000000000')).rejects.toMatchObject({ code: ShippingError.UNKNOWN_TRACKING });
  });

  it('refuses an unknown service, a box that does not exist and an unweighed parcel with a code', async () => {
    const carrier = new SimulatedCarrier();
    await expect(carrier.createLabel(request('teleport'))).rejects.toMatchObject({
      code: ShippingError.UNKNOWN_SERVICE,
    });
    expect(codeOf(() => parcelFor('XXL', 100))).toBe(ShippingError.INVALID_PARCEL);
    expect(codeOf(() => parcelFor('S', 0))).toBe(ShippingError.INVALID_PARCEL);
    expect(codeOf(() => parcelFor('S', 31_000))).toBe(ShippingError.INVALID_PARCEL);
  });
});

describe('ZPL label', () => {
  it('is one 4×6 format with the address, the service and a Code 128 tracking barcode', async () => {
    const label = await new SimulatedCarrier().createLabel(request());
    const zpl = zplLabelText(label);
    expect(zpl.startsWith('^XA\n^CI28\n^PW812')).toBe(true);
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
    expect(zpl).toContain(`^BCN,220,Y,N,N^FD${label.trackingNumber}^FS`);
    expect(zpl).toContain('^FD9 Elm Rd^FS');
    expect(zpl).toContain('SIMSHIP GROUND');
    // Caret and tilde in customer text are hex-escaped, never commands.
    expect(zpl).toContain('^FDSam _5ERivera_7E^FS');
    const bytes = zplLabelBytes(label);
    expect(new TextDecoder().decode(bytes)).toBe(zpl);
    expect([...bytes.slice(0, 3)]).toEqual([0x5e, 0x58, 0x41]);
  });

  it('escapes control characters and refuses overlong lines', () => {
    expect(zplField('a\nb_c')).toBe('a_0Ab_5Fc');
    expect(codeOf(() => zplField('x'.repeat(201)))).toBe(ShippingError.LABEL_TEXT);
  });
});
