// Scan-to-confirm for one or many orders. A scan is checked and applied in memory at once (the
// line ticks in the same frame) and written through to the replica in order behind it, so the
// state survives a reload; a refused write puts the stored state back on screen.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FulfillmentOrder, Product } from '../../../shared/schemas';
import { recordPick } from '../../../shared/orders/fulfillment';
import { pickList, pickPlace, type PickListItem } from '../../../shared/orders/fulfillment-work';
import { DomainError } from '../../../shared/errors';
import { OrderError } from '../../../shared/orders/errors';
import { useBackend } from '../model/backend-context';
import { pickUnit, productsForLines } from '../local-data/fulfillment-data';
import { errorMessage } from '../ui/error-message';
import { errorBuzz } from './sounds';
import { useFulfillmentScope } from './usePickupsFeed';

export interface PickScanner {
  orders: FulfillmentOrder[];
  list: PickListItem[];
  error: string | undefined;
  confirmed: string | undefined;
  pending: number;
  scan(code: string): void;
  clearError(): void;
}

function codeMap(products: Map<string, Product>): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of products.values()) {
    map.set(p.sku.toUpperCase(), p.sku);
    if (p.primaryBarcode) map.set(p.primaryBarcode, p.sku);
    for (const b of p.barcodes) map.set(b, p.sku);
  }
  return map;
}

export function usePickScanner(live: FulfillmentOrder[]): PickScanner {
  const scope = useFulfillmentScope();
  const backend = useBackend();
  const [products, setProducts] = useState<Map<string, Product>>(new Map());
  const [local, setLocal] = useState<Map<string, FulfillmentOrder>>(new Map());
  const [error, setError] = useState<string>();
  const [confirmed, setConfirmed] = useState<string>();
  const [pending, setPending] = useState(0);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const inFlight = useRef(new Map<string, number>());

  const productKey = live.map((o) => o.id).join(',');
  useEffect(() => {
    productsForLines(scope, live).then(setProducts, (e: unknown) => setError(errorMessage(e)));
    // Products only change with the set of orders, not with every pick (hence the id key).
  }, [scope, productKey]);

  const orders = useMemo(() => live.map((o) => local.get(o.id) ?? o), [live, local]);
  const codes = useMemo(() => codeMap(products), [products]);
  const list = useMemo(
    () =>
      pickList(orders, (sku) => {
        const p = products.get(sku);
        return p ? pickPlace(p) : undefined;
      }),
    [orders, products],
  );

  const apply = useCallback(
    (sku: string): void => {
      const item = list.find((i) => i.sku === sku);
      const target =
        orders.find((o) => o.id === item?.fulfillmentOrderId) ??
        orders.find((o) => o.lines.some((l) => l.sku === sku)) ??
        orders[0];
      try {
        if (!target) throw new DomainError(OrderError.PICK_REFUSED, 'There is nothing to pick.');
        const next = recordPick(target, sku);
        const line = next.lines.find((l) => l.sku === sku)!;
        setLocal((m) => new Map(m).set(next.id, next));
        setConfirmed(
          `${line.name}: ${line.pickedQuantity} of ${line.quantity}${orders.length > 1 ? ` for ${next.orderNumber}` : ''}`,
        );
        setError(undefined);
        inFlight.current.set(next.id, (inFlight.current.get(next.id) ?? 0) + 1);
        setPending((n) => n + 1);
        queue.current = queue.current
          .then(() => pickUnit(scope, next.id, sku))
          .catch((e: unknown) => {
            setError(errorMessage(e));
            errorBuzz();
          })
          .finally(() => {
            const left = (inFlight.current.get(next.id) ?? 1) - 1;
            inFlight.current.set(next.id, left);
            setPending((n) => n - 1);
            // Nothing more on its way for this order: show the stored state again.
            if (left === 0)
              setLocal((m) => {
                const copy = new Map(m);
                copy.delete(next.id);
                return copy;
              });
          });
      } catch (e) {
        setConfirmed(undefined);
        setError(errorMessage(e));
        errorBuzz();
      }
    },
    [list, orders, scope],
  );

  const scan = useCallback(
    (raw: string): void => {
      const code = raw.trim();
      if (!code) return;
      const sku = codes.get(code) ?? codes.get(code.toUpperCase());
      if (sku) return apply(sku);
      // Not one of this pick's products: the catalog says what it is, for a clear message.
      backend.findByBarcode(code).then(
        (p) =>
          p
            ? apply(p.sku)
            : (setConfirmed(undefined),
              setError(`Barcode ${code} is not a product we know. Check the item and scan again.`),
              errorBuzz()),
        (e: unknown) => (setError(errorMessage(e)), errorBuzz()),
      );
    },
    [apply, backend, codes],
  );

  return { orders, list, error, confirmed, pending, scan, clearError: () => setError(undefined) };
}
