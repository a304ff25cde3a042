// Loads pages of the sales history for the current filter, says when loading takes over a second,
// and re-reads each shown sale's "reached HQ" state when the sync's waiting count changes.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useBackend } from '../model/backend-context';
import { useSyncStatus } from '../session/sync-status-store';
import { errorMessage } from '../ui/error-message';
import {
  registerSalesHistory,
  type HistoryCursor,
  type HistoryFilter,
  type HistoryRow,
  type SalesHistory,
} from '../local-data/sales-history';

let shared: SalesHistory | undefined;

export function useHistorySource(): SalesHistory {
  const backend = useBackend();
  return useMemo(() => {
    shared ??= registerSalesHistory(() => backend.identity());
    return shared;
  }, [backend]);
}

export interface HistoryView {
  rows: HistoryRow[];
  loading: boolean;
  /** Loading for more than a second: the screen shows progress. */
  slow: boolean;
  scanned: number;
  more: boolean;
  error: string | undefined;
  loadMore: () => void;
}

const PAGE = 50;

export function useSalesHistory(filter: HistoryFilter): HistoryView {
  const source = useHistorySource();
  const [rows, setRows] = useState<HistoryRow[]>([]);
  const [next, setNext] = useState<HistoryCursor>();
  const [loading, setLoading] = useState(true);
  const [slow, setSlow] = useState(false);
  const [scanned, setScanned] = useState(0);
  const [error, setError] = useState<string>();
  const generation = useRef(0);
  const { scope, from, to, text } = filter;

  const load = useCallback(
    (cursor: HistoryCursor | undefined, append: boolean) => {
      const mine = ++generation.current;
      setLoading(true);
      setSlow(false);
      setError(undefined);
      const timer = setTimeout(() => mine === generation.current && setSlow(true), 1000);
      source
        .page({ scope, from, to, text }, cursor, PAGE)
        .then(
          (page) => {
            if (mine !== generation.current) return;
            setRows((old) => (append ? [...old, ...page.rows] : page.rows));
            setNext(page.next);
            setScanned((s) => (append ? s + page.scanned : page.scanned));
          },
          (e: unknown) => {
            if (mine !== generation.current) return;
            setError(errorMessage(e));
            if (!append) setRows([]);
            setNext(undefined);
          },
        )
        .finally(() => {
          clearTimeout(timer);
          if (mine !== generation.current) return;
          setLoading(false);
          setSlow(false);
        });
    },
    [source, scope, from, to, text],
  );

  // Typing re-searches after a short pause, not on every key.
  useEffect(() => {
    const t = setTimeout(() => load(undefined, false), text.length > 0 ? 250 : 0);
    return () => clearTimeout(t);
  }, [load, text]);

  const waiting = useSyncStatus((s) => s.waiting);
  const lastSyncAt = useSyncStatus((s) => s.lastSyncAt);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  useEffect(() => {
    // The ledger stores its list a moment after the count changes: read it once that is done, and
    // every few seconds while the screen is open.
    const refresh = (): void => {
      const current = rowsRef.current;
      if (current.length === 0) return;
      source.refreshReached(current).then(
        (fresh) => setRows((now) => (now === current ? fresh : now)),
        () => undefined,
      );
    };
    const t = setTimeout(refresh, 300);
    const every = setInterval(refresh, 5000);
    return () => {
      clearTimeout(t);
      clearInterval(every);
    };
  }, [source, waiting, lastSyncAt]);

  return {
    rows,
    loading,
    slow,
    scanned,
    more: next !== undefined,
    error,
    loadMore: () => {
      if (next && !loading) load(next, true);
    },
  };
}
