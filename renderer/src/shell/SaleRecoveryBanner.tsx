// The sale found at start-up (sale/restore-sale-state.ts) made visible. A sale completed before the
// restart opens on its receipt, saying nothing more is to be charged; a sale in progress shows
// "Sale restored after restart" until the clerk continues it or voids it (with a manager where the
// store's policy asks for one, as F11 does).
import { useEffect, useRef } from 'react';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { ApprovalDialog } from '../approval/ApprovalDialog';
import { useApproval } from '../approval/useApproval';
import type { Tender } from '../model/tender';
import { voidSaleApprovals } from '../sale/approvals';
import { describeCardResolution } from '../sale/card-attempt-recovery';
import { fmt } from '../ui/format';
import { useCart } from '../sale/cart-store';
import { useSaleRecovery } from '../sale/restore-sale-state';
import { useTenders } from '../sale/tender-store';
import { useSaleContext } from '../session/sale-context-store';
import { useSession } from '../session/session-store';

const NO_TENDERS: Tender[] = [];
const SALE_SCREENS = new Set(['/sell', '/pay']);

export function SaleRecoveryBanner() {
  const navigate = useNavigate();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const recovery = useSaleRecovery((s) => s.recovery);
  const dismiss = useSaleRecovery((s) => s.dismiss);
  const ready = useSession((s) => s.clerk !== undefined && s.till?.status === 'open');
  const role = useSession((s) => s.clerk?.role ?? 'clerk');
  const context = useSaleContext((s) => s.context);
  const cart = useCart((s) => s.cart);
  const tenders = useTenders((s) => (s.saleId === cart.saleId ? s.tenders : NO_TENDERS));
  const attempt = useTenders((s) => (s.saleId === cart.saleId ? s.attempt : undefined));
  const approval = useApproval();
  const receiptShown = useRef(false);

  const receiptPath = recovery.kind === 'completed' ? `/receipt/${recovery.orderId}` : undefined;
  useEffect(() => {
    if (recovery.kind !== 'completed' || !ready) return;
    if (path === receiptPath) receiptShown.current = true;
    else if (receiptShown.current)
      dismiss(); // the clerk moved on (next sale)
    else if (SALE_SCREENS.has(path))
      void navigate({ to: '/receipt/$orderId', params: { orderId: recovery.orderId }, replace: true });
  }, [recovery, ready, path, receiptPath, navigate, dismiss]);

  const ownSale = recovery.kind === 'restored' && cart.saleId === recovery.saleId && cart.lines.length > 0;
  useEffect(() => {
    if (recovery.kind === 'restored' && !ownSale) dismiss(); // completed, voided or suspended since
  }, [recovery, ownSale, dismiss]);

  if (!ready) return null;
  if (recovery.kind === 'completed' && path === receiptPath)
    return (
      <div className="notice no-print" role="status" data-testid="recovery-completed" style={{ margin: '6px 20px 0' }}>
        Sale {recovery.orderNumber} was completed before the register restarted. Its receipt is below; there is nothing
        more to charge.
      </div>
    );
  if (!ownSale || !SALE_SCREENS.has(path)) return null;
  const voidSale = (): void => {
    if (!context) return;
    approval.run(voidSaleApprovals(cart, context, role), 'Void the sale restored after restart', (a) => {
      useCart.getState().voidSale(a);
      dismiss();
      void navigate({ to: '/sell' });
    });
  };
  return (
    <div className="notice row no-print" role="status" data-testid="recovery-restored" style={{ margin: '6px 20px 0' }}>
      <span style={{ flex: 1 }}>
        <strong>Sale restored after restart</strong> — {cart.lines.length} {cart.lines.length === 1 ? 'line' : 'lines'}
        {tenders.length > 0 ? `, ${tenders.length} payment${tenders.length === 1 ? '' : 's'} taken` : ''}. Check it with
        the customer, then finish it{tenders.length > 0 || attempt ? '' : ' or void it'}.
        {recovery.rescanned && (
          <>
            {' '}
            <span data-testid="recovery-rescanned">
              The last item added before the restart, {recovery.rescanned}, was added back from the scan record.
            </span>
          </>
        )}
        {recovery.card && (
          <>
            {' '}
            <span data-testid="recovery-card">{describeCardResolution(recovery.card, fmt)}</span>
          </>
        )}
      </span>
      <button className="btn" onClick={dismiss} data-testid="recovery-continue">
        Continue the sale
      </button>
      {tenders.length === 0 && !attempt && (
        <button className="btn" onClick={voidSale} data-testid="recovery-void">
          Void the sale
        </button>
      )}
      {approval.pending && (
        <ApprovalDialog
          title={approval.pending.title}
          required={approval.pending.required}
          onClose={approval.clear}
          onApproved={(a) => {
            const pending = approval.pending!;
            approval.clear();
            pending.apply(a);
          }}
        />
      )}
    </div>
  );
}
