// Create or edit one store. Opening hours are typed one line per day: "1 09:00 21:00" (0 = Sunday).
import { useState, type FormEvent } from 'react';
import { api, errorText } from '../api';
import { Dialog } from '../shell/Dialog';

export interface StoreDoc {
  id: string;
  key: string;
  active: boolean;
  payload: {
    code: string;
    name: string;
    address: { line1: string; city: string; postalCode?: string; country: string };
    location: { lat: number; lng: number };
    capacityPerDay: number;
    pickupEnabled: boolean;
    shipFromStore: boolean;
    openingHours: { weekday: number; opens: string; closes: string }[];
  };
}

function hoursText(hours: StoreDoc['payload']['openingHours']): string {
  return hours.map((h) => `${h.weekday} ${h.opens} ${h.closes}`).join('\n');
}

function parseHours(text: string): StoreDoc['payload']['openingHours'] | string {
  const out: StoreDoc['payload']['openingHours'] = [];
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^([0-6])\s+(\d{2}:\d{2})\s+(\d{2}:\d{2})$/.exec(line);
    if (!m) return `"${line}" is not a day line: write it like "1 09:00 21:00" (0 = Sunday).`;
    out.push({ weekday: Number(m[1]), opens: m[2] ?? '', closes: m[3] ?? '' });
  }
  return out;
}

export function StoreForm({
  store,
  onClose,
  onSaved,
}: {
  store: StoreDoc | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const p = store?.payload;
  const [f, setF] = useState({
    code: p?.code ?? '',
    name: p?.name ?? '',
    line1: p?.address.line1 ?? '',
    city: p?.address.city ?? '',
    postalCode: p?.address.postalCode ?? '',
    country: p?.address.country ?? 'US',
    lat: String(p?.location.lat ?? ''),
    lng: String(p?.location.lng ?? ''),
    capacity: String(p?.capacityPerDay ?? 0),
    pickup: p?.pickupEnabled ?? false,
    ship: p?.shipFromStore ?? false,
    hours: hoursText(p?.openingHours ?? []),
    active: store?.active ?? true,
  });
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof f) => (e: { target: { value: string; checked?: boolean; type?: string } }) =>
    setF({ ...f, [key]: e.target.type === 'checkbox' ? e.target.checked : e.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const hours = parseHours(f.hours);
    if (typeof hours === 'string') return setError(hours);
    const address = {
      line1: f.line1,
      city: f.city,
      country: f.country,
      ...(f.postalCode ? { postalCode: f.postalCode } : {}),
    };
    try {
      await api('POST', '/stores', {
        ...(store ? { id: store.id } : {}),
        active: f.active,
        payload: {
          code: f.code,
          name: f.name,
          address,
          location: { lat: Number(f.lat), lng: Number(f.lng) },
          capacityPerDay: Number(f.capacity),
          pickupEnabled: f.pickup,
          shipFromStore: f.ship,
          openingHours: hours,
        },
      });
      onSaved();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Dialog title={store ? `Edit ${store.payload.code}` : 'New store'} onClose={onClose}>
      <form className="hq-form" onSubmit={(e) => void submit(e)}>
        <label>
          Code <input value={f.code} onChange={set('code')} required autoFocus />
        </label>
        <label>
          Name <input value={f.name} onChange={set('name')} required />
        </label>
        <label>
          Street <input value={f.line1} onChange={set('line1')} required />
        </label>
        <label>
          City <input value={f.city} onChange={set('city')} required />
        </label>
        <label>
          Postal code <input value={f.postalCode} onChange={set('postalCode')} />
        </label>
        <label>
          Country <input value={f.country} onChange={set('country')} maxLength={2} required />
        </label>
        <label>
          Latitude <input value={f.lat} onChange={set('lat')} inputMode="decimal" required />
        </label>
        <label>
          Longitude <input value={f.lng} onChange={set('lng')} inputMode="decimal" required />
        </label>
        <label>
          Capacity per day <input value={f.capacity} onChange={set('capacity')} inputMode="numeric" />
        </label>
        <label className="hq-check">
          <input type="checkbox" checked={f.pickup} onChange={set('pickup')} /> Pickup in store
        </label>
        <label className="hq-check">
          <input type="checkbox" checked={f.ship} onChange={set('ship')} /> Ship from store
        </label>
        <label className="hq-check">
          <input type="checkbox" checked={f.active} onChange={set('active')} /> Active
        </label>
        <label className="hq-wide">
          Opening hours (one line per day: weekday opens closes)
          <textarea rows={4} value={f.hours} onChange={set('hours')} />
        </label>
        {error && (
          <p role="alert" className="hq-error hq-wide">
            {error}
          </p>
        )}
        <div className="hq-actions hq-wide">
          <button type="submit" className="hq-primary">
            Save
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
