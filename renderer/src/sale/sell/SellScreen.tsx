// The sell screen: scan or search, adjust lines, discounts with manager approval, customer,
// suspend/resume, then F12 to pay. Every action has a key; focus returns to the scan field. Beside
// them, HQ's quick keys as a product grid (ProductGrid.tsx), reloaded when the settings change.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { useBackend } from '../../model/backend-context';
import type { ProductView, QuickKeyPanel } from '../../model/backend';
import { itemCount } from '../../model/totals';
import { useSaleTotals } from '../useSaleTotals';
import { voidSaleApprovals } from '../approvals';
import { useSession } from '../../session/session-store';
import { useKeyLayer } from '../../keys/useKeyLayer';
import { Action, type ActionId } from '../../keys/shortcuts';
import { assertWeight, useCart } from '../cart-store';
import { useTenders } from '../tender-store';
import { useSaleContext } from '../../session/sale-context-store';
import { errorMessage } from '../../ui/error-message';
import { focusSoon } from '../../keys/useFocusKeeper';
import { fmt } from '../../ui/format';
import { ApprovalDialog } from '../../approval/ApprovalDialog';
import { addByCode, addPicked, openPriceProduct } from './add-by-code';
import { journalPick, journalScan } from '../scan-journal';
import type { ReceiptCode } from './receipt-code';
import { CartView } from './CartView';
import { TotalsView } from './TotalsView';
import { SearchBox } from './SearchBox';
import { useFlash } from '../../ui/useFlash';
import { useApproval } from '../../approval/useApproval';
import { SellDialogs, type SellDialog } from './SellDialogs';
import { ProductGrid } from './ProductGrid';
import { CustomerSummaryPanel } from '../customer-summary/CustomerSummaryPanel';
import { customerSummaryPortOf } from '../customer-summary/customer-summary-port';

export function SellScreen() {
  const backend = useBackend();
  const navigate = useNavigate();
  const context = useSaleContext((s) => s.context);
  const cart = useCart((s) => s.cart);
  const store = useCart.getState;
  const [flash, setFlash] = useFlash();
  const [dialog, setDialog] = useState<SellDialog>();
  const [results, setResults] = useState<ProductView[]>([]);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const approval = useApproval();
  const [panel, setPanel] = useState<QuickKeyPanel>();

  const role = useSession((s) => s.clerk?.role ?? 'clerk');
  // Payments already taken for this sale (a reload during payment): the sale cannot change any
  // more, so the register goes back to paying it (which finishes it if it is paid in full).
  const paying = useTenders((s) => s.saleId === cart.saleId && s.tenders.length > 0);
  useEffect(() => {
    if (paying) void navigate({ to: '/pay', replace: true });
  }, [paying, navigate]);
  const { totals, error: totalsError } = useSaleTotals();
  useEffect(() => {
    if (totalsError) setFlash({ kind: 'error', text: totalsError });
  }, [totalsError, setFlash]);

  const refocus = useCallback(() => focusSoon(inputRef.current), []);

  // The settings object is rebuilt whenever HQ publishes config, quick keys included.
  useEffect(() => {
    if (!context) return;
    let current = true;
    backend.quickKeys().then(
      (loaded) => current && setPanel(loaded),
      (e: unknown) => current && setFlash({ kind: 'error', text: errorMessage(e) }),
    );
    return () => {
      current = false;
    };
  }, [backend, context, setFlash]);

  /**
   * A grid key or a search pick: journalled like a scan (scan-journal.ts), so a crash right after
   * its line is painted cannot lose it; the line is added once the journal entry is on disk.
   */
  const addPick = useCallback(
    async (product: ProductView): Promise<void> => {
      try {
        await addPicked(product, journalPick(store().cart.saleId, product));
        setFlash({ kind: 'ok', text: `Added ${product.name}` });
      } catch (e) {
        setFlash({ kind: 'error', text: errorMessage(e) });
      }
    },
    [store, setFlash],
  );

  /** A grid key adds its product and keeps the focus on the grid for the next key. */
  const onGridAdd = useCallback(
    (product: ProductView): void => {
      const custom = openPriceProduct(product);
      if (custom) return setDialog({ kind: 'custom', product: custom });
      if (product.soldByWeight) return setDialog({ kind: 'weigh', product });
      void addPick(product);
    },
    [addPick],
  );

  const onCode = useCallback(
    async (code: string): Promise<void> => {
      try {
        const result = await addByCode(backend, code, journalScan(useCart.getState().cart.saleId, code));
        if ('custom' in result) return setDialog({ kind: 'custom', product: result.custom });
        setFlash(
          result.ok ? { kind: 'ok', text: `Added ${result.line.name}` } : { kind: 'error', text: result.message },
        );
      } catch (e) {
        setFlash({ kind: 'error', text: errorMessage(e) });
      }
    },
    [backend, setFlash],
  );

  /** A receipt scanned where products are scanned: sales history opens that sale's receipt. */
  const onReceipt = useCallback(
    async (code: ReceiptCode): Promise<void> => {
      if (code.kind === 'invalid') return setFlash({ kind: 'error', text: code.message });
      if (code.kind === 'return')
        return setFlash({
          kind: 'error',
          text: `${code.number} is a return slip, not a product. To see or return more of that sale, open Returns.`,
        });
      await navigate({ to: '/history', search: { number: code.number } });
    },
    [navigate, setFlash],
  );

  const onPick = useCallback(
    (product: ProductView): void => {
      const custom = openPriceProduct(product);
      if (custom) return setDialog({ kind: 'custom', product: custom });
      if (product.soldByWeight) return setDialog({ kind: 'weigh', product });
      void addPick(product);
      refocus();
    },
    [addPick, refocus],
  );

  const selected = cart.lines.find((l) => l.lineId === cart.selectedLineId);
  const needLine = (): boolean => {
    if (selected) return true;
    setFlash({ kind: 'error', text: 'Select a line first: use the arrow keys or tap it.' });
    return false;
  };

  const onAction = (action: ActionId): boolean => {
    switch (action) {
      case Action.SEARCH:
        inputRef.current?.focus();
        inputRef.current?.select();
        return true;
      case Action.LINE_UP:
      case Action.LINE_DOWN: {
        const step = action === Action.LINE_UP ? -1 : 1;
        if (results.length > 0) setActive(Math.max(0, Math.min(results.length - 1, active + step)));
        else store().selectNext(step);
        return true;
      }
      case Action.QUANTITY:
        if (needLine()) setDialog({ kind: selected!.weightGrams !== undefined ? 'weight' : 'quantity' });
        return true;
      case Action.PRICE_OVERRIDE:
        if (needLine()) setDialog({ kind: 'price' });
        return true;
      case Action.LINE_NOTE:
        if (needLine()) setDialog({ kind: 'note' });
        return true;
      case Action.DISCOUNT:
        if (needLine()) setDialog({ kind: 'discount' });
        return true;
      case Action.ORDER_DISCOUNT:
        if (cart.lines.length > 0) setDialog({ kind: 'order-discount' });
        return true;
      case Action.CUSTOMER:
        setDialog({ kind: 'customer' });
        return true;
      case Action.SUSPEND:
        setDialog({ kind: 'suspended' });
        return true;
      case Action.VOID_LINE:
        if (needLine()) {
          store().voidLine(selected!.lineId);
          setFlash({ kind: 'ok', text: `Voided ${selected!.name}` });
        }
        return true;
      case Action.VOID_SALE:
        if (cart.lines.length === 0 || !context) return true;
        approval.run(
          voidSaleApprovals(cart, context, role),
          `Void the whole sale of ${fmt(totals?.grandTotal.amount ?? 0, cart.currency)}`,
          (a) => {
            store().voidSale(a);
            setFlash({ kind: 'ok', text: 'Sale voided.' });
          },
        );
        return true;
      case Action.PAY:
        if (cart.lines.length === 0) setFlash({ kind: 'error', text: 'Scan at least one item before taking payment.' });
        else void navigate({ to: '/pay' });
        return true;
      case Action.BACK:
        if (results.length > 0) setResults([]);
        return true;
      default:
        return false;
    }
  };
  useKeyLayer({ onAction, onScan: (code) => void onCode(code) });

  if (!context) return <p className="muted">Loading store settings…</p>;
  return (
    <div className={panel && panel.tabs.length > 0 ? 'sell with-grid' : 'sell'} data-testid="sell-screen">
      <div className="cart stack">
        <SearchBox
          currency={cart.currency}
          onCode={(c) => void onCode(c)}
          onPick={onPick}
          onReceipt={(r) => void onReceipt(r)}
          active={active}
          setActive={setActive}
          results={results}
          setResults={setResults}
          inputRef={inputRef}
        />
        <CartView
          cart={cart}
          totals={totals}
          onSelect={(id) => {
            store().select(id);
            refocus();
          }}
        />
        <div className="stack" style={{ gap: 6 }}>
          {flash && (
            <div
              className={flash.kind === 'error' ? 'error' : 'notice'}
              role={flash.kind === 'error' ? 'alert' : 'status'}
              data-testid="flash"
            >
              {flash.text}
            </div>
          )}
          <div className="action-keys" data-testid="action-keys">
            {[
              [Action.QUANTITY, 'Qty', 'F3'],
              [Action.PRICE_OVERRIDE, 'Price', 'F5'],
              [Action.VOID_LINE, 'Void line', 'F6'],
              [Action.LINE_NOTE, 'Note', 'Alt+N'],
              [Action.SUSPEND, 'Suspend', 'F8'],
              [Action.DISCOUNT, 'Discount', 'F9'],
              [Action.ORDER_DISCOUNT, 'Sale discount', 'F10'],
              [Action.VOID_SALE, 'Void sale', 'F11'],
            ].map(([a, label, key]) => (
              <button
                key={a}
                className="btn"
                tabIndex={-1}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => onAction(a as ActionId)}
              >
                {label} <kbd>{key}</kbd>
              </button>
            ))}
          </div>
        </div>
      </div>
      {panel && panel.tabs.length > 0 && <ProductGrid panel={panel} currency={cart.currency} onAdd={onGridAdd} />}
      <aside className="side">
        {totals && <TotalsView totals={totals} items={itemCount(cart)} />}
        <button className="btn" tabIndex={-1} onClick={() => onAction(Action.CUSTOMER)} data-testid="customer-button">
          {cart.customer ? `Customer: ${cart.customer.name}` : 'Add customer'} <kbd>F4</kbd>
        </button>
        {cart.customer && <CustomerSummaryPanel customerId={cart.customer.id} port={customerSummaryPortOf(backend)} />}
        <button
          className="btn primary"
          style={{ minHeight: 80, fontSize: '1.4rem' }}
          tabIndex={-1}
          onClick={() => onAction(Action.PAY)}
          disabled={cart.lines.length === 0}
          data-testid="pay-button"
        >
          Pay {totals ? fmt(totals.grandTotal.amount, cart.currency) : ''} <kbd>F12</kbd>
        </button>
        {cart.training && <div className="training-stamp">TRAINING SALE — not real, never synced</div>}
      </aside>
      <SellDialogs
        dialog={dialog}
        setDialog={(d) => {
          setDialog(d);
          if (!d) refocus();
        }}
        context={context}
        selected={selected}
        approval={approval}
        setFlash={setFlash}
        onPickWeighed={async (p, grams) => {
          assertWeight(grams); // refused in the dialog before anything is journalled
          await addPicked(p, journalPick(store().cart.saleId, p, grams), grams);
          setFlash({ kind: 'ok', text: `Added ${p.name}` });
        }}
      />
      {approval.pending && (
        <ApprovalDialog
          title={approval.pending.title}
          required={approval.pending.required}
          onClose={() => {
            approval.clear();
            refocus();
          }}
          onApproved={(a) => {
            const p = approval.pending!;
            approval.clear();
            try {
              p.apply(a);
            } catch (e) {
              setFlash({ kind: 'error', text: errorMessage(e) });
            }
            refocus();
          }}
        />
      )}
    </div>
  );
}
