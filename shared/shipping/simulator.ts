// A carrier with no network: deterministic rates from weight and volume, tracking numbers from a
// counter with a check digit, and a scripted tracking history. The whole ship-from-store flow runs
// and is tested against it.
import { DomainError } from '../errors';
import {
  type CarrierPort,
  type LabelRequest,
  type Parcel,
  type PostalAddress,
  type RateQuote,
  type ShippingLabel,
  type TrackingEvent,
  ShippingError,
  TrackingStatus,
} from './carrier';
import { checkParcel } from './parcels';

interface Service {
  service: string;
  base: number;
  perKg: number;
  days: number;
}

const SERVICES: readonly Service[] = [
  { service: 'ground', base: 599, perKg: 120, days: 4 },
  { service: 'express', base: 1499, perKg: 250, days: 1 },
];

/** Mod-10 (Luhn) check digit, so a mistyped tracking number is caught. */
function checkDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d *= 2;
    sum += d > 9 ? d - 9 : d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isSimulatedTrackingNumber(value: string): boolean {
  const m = /^SIM(\d{11})(\d)$/.exec(value);
  return m !== null && checkDigit(m[1]!) === Number(m[2]);
}

function checkAddress(to: PostalAddress): void {
  if (!to.line1.trim() || !to.city.trim()) {
    throw new DomainError(
      ShippingError.INVALID_ADDRESS,
      'The shipping address needs a street and a city; correct it on the order before shipping.',
    );
  }
}

/** Billable weight: the larger of real weight and volume weight (volume in cm³ ÷ 5000), in kg rounded up. */
export function billableKg(parcel: Parcel): number {
  const volumeKg = (parcel.lengthMm * parcel.widthMm * parcel.heightMm) / 1000 / 5000;
  return Math.max(1, Math.ceil(Math.max(parcel.weightGrams / 1000, volumeKg)));
}

export interface SimulatorOptions {
  /** First tracking serial; tests start two simulators apart. */
  firstSerial?: number;
  now?: () => Date;
}

export class SimulatedCarrier implements CarrierPort {
  readonly name = 'SIMSHIP';
  private serial: number;
  private readonly now: () => Date;
  private readonly issued = new Map<string, string>();

  constructor(options: SimulatorOptions = {}) {
    this.serial = options.firstSerial ?? 1;
    this.now = options.now ?? (() => new Date());
  }

  rates(to: PostalAddress, parcel: Parcel, currency: string): Promise<RateQuote[]> {
    checkAddress(to);
    const kg = billableKg(checkParcel(parcel));
    return Promise.resolve(
      SERVICES.map((s) => ({
        carrier: this.name,
        service: s.service,
        cost: s.base + s.perKg * kg,
        currency,
        days: s.days,
      })),
    );
  }

  async createLabel(request: LabelRequest): Promise<ShippingLabel> {
    const quotes = await this.rates(request.to, request.parcel, request.currency);
    const quote = quotes.find((q) => q.service === request.service);
    if (!quote)
      throw new DomainError(
        ShippingError.UNKNOWN_SERVICE,
        `${this.name} has no service "${request.service}"; choose ${quotes.map((q) => q.service).join(' or ')}.`,
      );
    const body = String(this.serial++).padStart(11, '0');
    const trackingNumber = `SIM${body}${checkDigit(body)}`;
    const createdAt = this.now().toISOString();
    this.issued.set(trackingNumber, createdAt);
    return {
      carrier: this.name,
      service: quote.service,
      trackingNumber,
      cost: quote.cost,
      currency: quote.currency,
      label: { ...request, trackingNumber, carrier: this.name, createdAt },
    };
  }

  /** Events so far: one step per elapsed hour since the label (label → in transit → out → delivered). */
  track(trackingNumber: string): Promise<TrackingEvent[]> {
    const created = this.issued.get(trackingNumber);
    if (!created)
      return Promise.reject(
        new DomainError(
          ShippingError.UNKNOWN_TRACKING,
          `No parcel with tracking number ${trackingNumber}; check the number on the label.`,
        ),
      );
    const steps = [
      TrackingStatus.LABEL_CREATED,
      TrackingStatus.IN_TRANSIT,
      TrackingStatus.OUT_FOR_DELIVERY,
      TrackingStatus.DELIVERED,
    ];
    const hours = Math.floor((this.now().getTime() - Date.parse(created)) / 3_600_000);
    const start = Date.parse(created);
    return Promise.resolve(
      steps
        .slice(0, Math.min(steps.length, hours + 1))
        .map((status, i) => ({ trackingNumber, status, at: new Date(start + i * 3_600_000).toISOString() })),
    );
  }
}
