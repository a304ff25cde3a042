// Blind close: the clerk counts each note and coin before seeing what the drawer should hold, so
// the count is not nudged towards the expected figure.
import { useState, type FormEvent } from 'react';
import { denominationsFor, type Denomination } from '../../../shared/till/denominations';
import { countedTotal } from '../../../shared/till/shift';

const denominationKey = (d: Denomination): string => String(d.value);
import type { DenominationCount } from '../model/backend';
import { fmt } from '../ui/format';
import { useBurstGuard, SCAN_REFUSED } from '../ui/scan-burst';

/** More of one note or coin than this is a typing (or scanning) slip, not a drawer. */
const MAX_COUNT = 10_000;

export function BlindCount({
  currency,
  onSubmit,
  busy,
}: {
  currency: string;
  onSubmit: (counts: DenominationCount[]) => void;
  busy: boolean;
}) {
  const denominations = denominationsFor(currency);
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [refused, setRefused] = useState<string>();
  const burstGuard = useBurstGuard();
  const parsed: DenominationCount[] = denominations.map((d) => ({
    denomination: d.value,
    count: Number(counts[denominationKey(d)] || 0),
  }));
  const invalid = parsed.some((c) => !Number.isInteger(c.count) || c.count < 0 || c.count > MAX_COUNT);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!invalid) onSubmit(parsed.filter((c) => c.count > 0));
  };
  return (
    <form className="stack" onSubmit={submit} data-testid="blind-count">
      <p>Count the drawer. Enter how many of each note and coin; the expected amount is shown only after you close.</p>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 8 }}>
        {denominations.map((d, i) => (
          <label key={denominationKey(d)} className="field" style={{ margin: 0 }}>
            <span>{d.label}</span>
            <input
              className="input"
              inputMode="numeric"
              value={counts[denominationKey(d)] ?? ''}
              data-autofocus={i === 0 ? true : undefined}
              data-testid={`count-${denominationKey(d)}`}
              onKeyDown={burstGuard(() => {
                setCounts({ ...counts, [denominationKey(d)]: '' });
                setRefused(SCAN_REFUSED);
              })}
              onChange={(e) => {
                setRefused(undefined);
                setCounts({ ...counts, [denominationKey(d)]: e.target.value.replace(/\D/g, '').slice(0, 6) });
              }}
            />
          </label>
        ))}
      </div>
      {refused && (
        <div className="error" role="alert">
          {refused}
        </div>
      )}
      {invalid && (
        <div className="error" role="alert">
          No more than {MAX_COUNT.toLocaleString()} of one note or coin: check the count.
        </div>
      )}
      <div className="row">
        <strong>
          Counted{' '}
          {invalid
            ? '—'
            : fmt(
                countedTotal(
                  currency,
                  parsed.filter((p) => p.count > 0),
                ),
                currency,
              )}
        </strong>
        <button className="btn danger" type="submit" disabled={invalid || busy} data-testid="close-till">
          Close till and print Z report
        </button>
      </div>
    </form>
  );
}
