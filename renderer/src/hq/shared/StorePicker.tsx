// Choosing stores: one (a select, optionally with an "all stores" entry) or several (a checkbox
// list). Stores come from whatever list the page has (GET /stores, or the inventory alerts) in the
// shape below; `by` says whether the value is the store's id or its code.
import { useEffect, useState } from 'react';
import { api } from '../api';

export interface StoreOption {
  id: string;
  code: string;
  name?: string | undefined;
}

interface StoreDocLike {
  id: string;
  key: string;
  payload?: { name?: string };
}

export const storeOptions = (stores: readonly StoreDocLike[]): StoreOption[] =>
  stores.map((s) => ({ id: s.id, code: s.key, name: s.payload?.name }));

/** The chain's stores from GET /stores, as picker options (empty until loaded; errors go to onError). */
export function useStores(onError: (e: unknown) => void): StoreOption[] {
  const [stores, setStores] = useState<StoreOption[]>([]);
  useEffect(() => {
    api<{ stores: StoreDocLike[] }>('GET', '/stores').then((r) => setStores(storeOptions(r.stores)), onError);
    // Loaded once per page: onError is the page's error setter.
  }, []);
  return stores;
}

export function StorePicker(props: {
  label?: string;
  stores: readonly StoreOption[];
  value: string;
  onChange: (value: string) => void;
  by?: 'id' | 'code';
  /** Adds a first entry with the value '' (e.g. "All stores", "Chain default"). */
  allLabel?: string;
  disabled?: boolean;
}) {
  const by = props.by ?? 'id';
  return (
    <label>
      {props.label ?? 'Store'}
      <select value={props.value} disabled={props.disabled} onChange={(e) => props.onChange(e.target.value)}>
        {props.allLabel !== undefined && <option value="">{props.allLabel}</option>}
        {props.stores.map((s) => (
          <option key={s.id} value={by === 'id' ? s.id : s.code}>
            {s.code}
            {s.name ? ` ${s.name}` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Several stores by id, as checkboxes (Space toggles, Tab moves on). */
export function StoreChecklist(props: {
  legend: string;
  stores: readonly StoreOption[];
  value: readonly string[];
  onChange: (ids: string[]) => void;
  className?: string;
}) {
  return (
    <fieldset className={props.className ?? 'hq-wide'}>
      <legend>{props.legend}</legend>
      {props.stores.map((s) => (
        <label key={s.id} className="hq-check">
          <input
            type="checkbox"
            checked={props.value.includes(s.id)}
            onChange={(e) =>
              props.onChange(e.target.checked ? [...props.value, s.id] : props.value.filter((x) => x !== s.id))
            }
          />{' '}
          {s.code}
        </label>
      ))}
    </fieldset>
  );
}
