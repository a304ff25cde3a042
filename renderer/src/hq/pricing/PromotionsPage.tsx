// Promotions: every one with its rule, schedule, stores and state; create or edit one of the
// three kinds registers apply (buy X get Y, percent off departments/SKUs, spend threshold), end one
// now, and who changed what. The server checks it with the registers' own rules and names the
// field it refuses.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, errorText } from '../api';
import { money } from '../format';
import { can, useSession } from '../session-store';
import { Dialog } from '../shell/Dialog';
import { SearchTable } from '../shared/SearchTable';
import { StoreChecklist, useStores, type StoreOption } from '../shared/StorePicker';
import { AuditTable } from './PriceBooksPage';
import {
  decimalToInt,
  intToDecimal,
  percentToPpm,
  ppmToPercent,
  promotionStatus,
  ruleSummary,
  type AuditEntry,
  type PromotionDoc,
  type PromotionPayload,
  type PromotionRule,
} from './pricing-types';
import { Notices } from '../shared/Notices';

export function PromotionsPage() {
  const user = useSession((s) => s.user);
  const operator = can(user, 'operations');
  const [promotions, setPromotions] = useState<PromotionDoc[]>([]);
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [editing, setEditing] = useState<PromotionDoc | 'new' | null>(null);
  const [ending, setEnding] = useState<PromotionDoc | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stores = useStores((e) => setError(errorText(e)));

  const load = useCallback(async () => {
    try {
      const [p, a] = await Promise.all([
        api<{ promotions: PromotionDoc[] }>('GET', '/promotions'),
        api<{ entries: AuditEntry[] }>('GET', '/pricing/audit'),
      ]);
      setPromotions(p.promotions);
      setAudit(a.entries.filter((e) => e.entity === 'promotion'));
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const storeCodes = (p: PromotionPayload) =>
    p.storeIds ? p.storeIds.map((id) => stores.find((s) => s.id === id)?.code ?? '?').join(', ') : 'All stores';
  const end = async (p: PromotionDoc) => {
    try {
      await api('POST', `/promotions/${p.id}/end`);
      setEnding(null);
      setMessage(`${p.payload.name} ended; registers stop applying it on their next sync.`);
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <section aria-labelledby="promotions-title">
      <div className="hq-head">
        <h1 id="promotions-title">Promotions</h1>
        {operator && (
          <button type="button" className="hq-primary" onClick={() => setEditing('new')}>
            New promotion
          </button>
        )}
      </div>
      <Notices message={message} error={error} />
      <SearchTable
        label="Promotions"
        rows={promotions}
        rowKey={(p) => p.id}
        pageSize={50}
        search={{
          label: 'Find promotion',
          text: (p) => `${p.key} ${p.payload.name} ${storeCodes(p.payload)} ${promotionStatus(p.payload)}`,
        }}
        rowProps={(p) => ({ 'data-testid': `promotion-${p.key}` })}
        empty="No promotions."
        columns={[
          { key: 'code', header: 'Code', cell: (p) => p.key },
          { key: 'name', header: 'Name', cell: (p) => p.payload.name },
          { key: 'rule', header: 'Rule', cell: (p) => ruleSummary(p.payload.rule, (m) => money(m)) },
          {
            key: 'when',
            header: 'Runs',
            cell: (p) =>
              `${new Date(p.payload.startsAt).toLocaleString()} – ${p.payload.endsAt ? new Date(p.payload.endsAt).toLocaleString() : 'open'}`,
          },
          { key: 'stores', header: 'Stores', cell: (p) => storeCodes(p.payload) },
          { key: 'status', header: 'State', cell: (p) => promotionStatus(p.payload) },
          {
            key: 'actions',
            header: '',
            cell: (p) =>
              operator && (
                <>
                  <button type="button" aria-label={`Edit ${p.key}`} onClick={() => setEditing(p)}>
                    Edit
                  </button>{' '}
                  {promotionStatus(p.payload) !== 'Ended' && (
                    <button
                      type="button"
                      className="hq-danger"
                      aria-label={`End ${p.key}`}
                      onClick={() => setEnding(p)}
                    >
                      End
                    </button>
                  )}
                </>
              ),
          },
        ]}
      />
      <AuditTable entries={audit} />
      {editing && (
        <PromotionForm
          promotion={editing === 'new' ? null : editing}
          stores={stores}
          onClose={() => setEditing(null)}
          onSaved={(name) => {
            setEditing(null);
            setMessage(`${name} saved; registers receive it on their next sync.`);
            void load();
          }}
        />
      )}
      {ending && (
        <Dialog title={`End ${ending.payload.name}?`} onClose={() => setEnding(null)}>
          <p>Registers stop applying it from their next sync. Sales already made keep their discount.</p>
          <div className="hq-actions">
            <button type="button" className="hq-danger" data-autofocus onClick={() => void end(ending)}>
              End promotion
            </button>
            <button type="button" onClick={() => setEnding(null)}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

const list = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** ISO → the value of a datetime-local input (the browser's zone), and back. */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : '');

interface Form {
  code: string;
  name: string;
  type: PromotionRule['type'];
  buySkus: string;
  buyQuantity: string;
  getSkus: string;
  getQuantity: string;
  percent: string;
  departments: string;
  skus: string;
  minSubtotal: string;
  amountOff: string;
  priority: string;
  startsAt: string;
  endsAt: string;
  active: boolean;
}

function initialForm(p: PromotionPayload | null): Form {
  const r = p?.rule;
  return {
    code: p?.code ?? '',
    name: p?.name ?? '',
    type: r?.type ?? 'percent_off',
    buySkus: r?.type === 'buy_x_get_y' ? r.buySkus.join(', ') : '',
    buyQuantity: r?.type === 'buy_x_get_y' ? String(r.buyQuantity) : '2',
    getSkus: r?.type === 'buy_x_get_y' && r.getSkus.join() !== r.buySkus.join() ? r.getSkus.join(', ') : '',
    getQuantity: r?.type === 'buy_x_get_y' ? String(r.getQuantity) : '1',
    percent:
      r?.type === 'buy_x_get_y'
        ? ppmToPercent(r.getDiscountPpm)
        : r?.type === 'percent_off'
          ? ppmToPercent(r.discountPpm)
          : r?.type === 'threshold' && r.discountPpm !== undefined
            ? ppmToPercent(r.discountPpm)
            : '',
    departments: r?.type === 'percent_off' ? (r.departments ?? []).join(', ') : '',
    skus: r?.type === 'percent_off' ? (r.skus ?? []).join(', ') : '',
    minSubtotal: r?.type === 'threshold' ? intToDecimal(r.minSubtotal, 2, true) : '',
    amountOff: r?.type === 'threshold' && r.discountAmount !== undefined ? intToDecimal(r.discountAmount, 2, true) : '',
    priority: String(p?.priority ?? 100),
    startsAt: toLocalInput(p?.startsAt ?? new Date().toISOString()),
    endsAt: toLocalInput(p?.endsAt),
    active: p?.active ?? true,
  };
}

/** The rule as the API takes it; numbers that do not parse are sent as given so the server names the field. */
function ruleOf(f: Form): Record<string, unknown> {
  const int = (t: string) => (/^\d+$/.test(t.trim()) ? Number(t) : t);
  const ppm = (t: string) => (Number.isNaN(percentToPpm(t)) ? t : percentToPpm(t));
  const minor = (t: string) => (Number.isNaN(decimalToInt(t, 2)) ? t : decimalToInt(t, 2));
  if (f.type === 'buy_x_get_y') {
    const buySkus = list(f.buySkus);
    return {
      type: f.type,
      buySkus,
      buyQuantity: int(f.buyQuantity),
      getSkus: list(f.getSkus).length > 0 ? list(f.getSkus) : buySkus,
      getQuantity: int(f.getQuantity),
      getDiscountPpm: ppm(f.percent),
    };
  }
  if (f.type === 'percent_off') {
    const departments = list(f.departments);
    const skus = list(f.skus);
    return {
      type: f.type,
      ...(departments.length ? { departments } : {}),
      ...(skus.length ? { skus } : {}),
      discountPpm: ppm(f.percent),
    };
  }
  return {
    type: f.type,
    minSubtotal: minor(f.minSubtotal),
    ...(f.amountOff.trim() ? { discountAmount: minor(f.amountOff) } : {}),
    ...(f.percent.trim() ? { discountPpm: ppm(f.percent) } : {}),
  };
}

function PromotionForm({
  promotion,
  stores,
  onClose,
  onSaved,
}: {
  promotion: PromotionDoc | null;
  stores: StoreOption[];
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const [f, setF] = useState<Form>(() => initialForm(promotion?.payload ?? null));
  const [storeIds, setStoreIds] = useState<string[]>(promotion?.payload.storeIds ?? []);
  const [error, setError] = useState<{ text: string; field?: string } | null>(null);
  const set = (patch: Partial<Form>) => setF({ ...f, ...patch });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const payload = {
      code: f.code.trim(),
      name: f.name.trim(),
      rule: ruleOf(f),
      priority: /^\d+$/.test(f.priority) ? Number(f.priority) : f.priority,
      startsAt: fromLocalInput(f.startsAt),
      endsAt: f.endsAt ? fromLocalInput(f.endsAt) : null,
      storeIds: storeIds.length > 0 ? storeIds : null,
      active: f.active,
    };
    try {
      await api('POST', '/promotions', { ...(promotion ? { id: promotion.id } : {}), payload });
      onSaved(payload.name);
    } catch (e) {
      const field = e instanceof ApiError ? e.details?.field : undefined;
      setError({ text: errorText(e), ...(typeof field === 'string' ? { field } : {}) });
    }
  };
  const bad = (...fields: string[]) =>
    error?.field && fields.some((x) => error.field?.startsWith(x)) ? true : undefined;
  const percentLabel = f.type === 'buy_x_get_y' ? 'Discount on the "get" items (%; 100 = free)' : 'Percent off';
  return (
    <Dialog title={promotion ? `Edit ${promotion.payload.name}` : 'New promotion'} onClose={onClose}>
      <form className="hq-form" onSubmit={(e) => void submit(e)}>
        <label>
          Code{' '}
          <input
            value={f.code}
            autoFocus
            required
            aria-invalid={bad('code')}
            onChange={(e) => set({ code: e.target.value })}
          />
        </label>
        <label>
          Name{' '}
          <input value={f.name} required aria-invalid={bad('name')} onChange={(e) => set({ name: e.target.value })} />
        </label>
        <label>
          Type{' '}
          <select value={f.type} onChange={(e) => set({ type: e.target.value as Form['type'] })}>
            <option value="percent_off">Percent off departments or SKUs</option>
            <option value="buy_x_get_y">Buy X get Y</option>
            <option value="threshold">Spend threshold</option>
          </select>
        </label>
        {f.type === 'buy_x_get_y' && (
          <>
            <label>
              Buy SKUs{' '}
              <input
                value={f.buySkus}
                aria-invalid={bad('rule.buySkus')}
                onChange={(e) => set({ buySkus: e.target.value })}
              />
            </label>
            <label>
              Buy quantity{' '}
              <input
                value={f.buyQuantity}
                inputMode="numeric"
                aria-invalid={bad('rule.buyQuantity')}
                onChange={(e) => set({ buyQuantity: e.target.value })}
              />
            </label>
            <label>
              Get SKUs (empty: the same){' '}
              <input
                value={f.getSkus}
                aria-invalid={bad('rule.getSkus')}
                onChange={(e) => set({ getSkus: e.target.value })}
              />
            </label>
            <label>
              Get quantity{' '}
              <input
                value={f.getQuantity}
                inputMode="numeric"
                aria-invalid={bad('rule.getQuantity')}
                onChange={(e) => set({ getQuantity: e.target.value })}
              />
            </label>
          </>
        )}
        {f.type === 'percent_off' && (
          <>
            <label>
              Departments{' '}
              <input
                value={f.departments}
                aria-invalid={bad('rule.departments')}
                onChange={(e) => set({ departments: e.target.value })}
              />
            </label>
            <label>
              SKUs{' '}
              <input value={f.skus} aria-invalid={bad('rule.skus')} onChange={(e) => set({ skus: e.target.value })} />
            </label>
          </>
        )}
        {f.type === 'threshold' && (
          <>
            <label>
              Minimum spend{' '}
              <input
                value={f.minSubtotal}
                inputMode="decimal"
                aria-invalid={bad('rule.minSubtotal')}
                onChange={(e) => set({ minSubtotal: e.target.value })}
              />
            </label>
            <label>
              Amount off (or a percent){' '}
              <input
                value={f.amountOff}
                inputMode="decimal"
                aria-invalid={bad('rule.discountAmount', 'rule')}
                onChange={(e) => set({ amountOff: e.target.value })}
              />
            </label>
          </>
        )}
        <label>
          {percentLabel}{' '}
          <input
            value={f.percent}
            inputMode="decimal"
            aria-invalid={bad('rule.discountPpm', 'rule.getDiscountPpm')}
            onChange={(e) => set({ percent: e.target.value })}
          />
        </label>
        <label>
          Priority (lower first){' '}
          <input
            value={f.priority}
            inputMode="numeric"
            aria-invalid={bad('priority')}
            onChange={(e) => set({ priority: e.target.value })}
          />
        </label>
        <label>
          Starts{' '}
          <input
            type="datetime-local"
            value={f.startsAt}
            required
            aria-invalid={bad('startsAt')}
            onChange={(e) => set({ startsAt: e.target.value })}
          />
        </label>
        <label>
          Ends (optional){' '}
          <input
            type="datetime-local"
            value={f.endsAt}
            aria-invalid={bad('endsAt')}
            onChange={(e) => set({ endsAt: e.target.value })}
          />
        </label>
        <label className="hq-check">
          <input type="checkbox" checked={f.active} onChange={(e) => set({ active: e.target.checked })} /> Active
        </label>
        <StoreChecklist
          legend="Stores (none checked: every store)"
          stores={stores}
          value={storeIds}
          onChange={setStoreIds}
        />
        {error && (
          <p role="alert" className="hq-error hq-wide" data-field={error.field}>
            {error.text}
          </p>
        )}
        <div className="hq-actions hq-wide">
          <button type="submit" className="hq-primary">
            Save promotion
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
