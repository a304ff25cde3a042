// The sell screen's dialogs: quantity, weight, price override, line note, discounts, customer, suspend.
// Discounts and price changes above the store's threshold go through the manager approval.
import { parseMoney } from '../../../../shared/money';
import { LINE_NOTE_MAX } from '../../../../shared/schemas/order-lines';
import { DomainError } from '../../../../shared/errors';
import type { ProductView } from '../../model/backend';
import type { SaleContext } from '../../model/sale-context';
import { approvalsNeeded } from '../approvals';
import { useSession } from '../../session/session-store';
import { useCart } from '../cart-store';
import { CartError } from '../cart-errors';
import type { Approval, Cart, CartLine } from '../../model/cart-types';
import { errorMessage } from '../../ui/error-message';
import { fmt } from '../../ui/format';
import { PromptDialog } from '../../ui/PromptDialog';
import { DiscountDialog } from '../dialogs/DiscountDialog';
import { CustomerDialog } from '../dialogs/CustomerDialog';
import { SuspendedDialog } from '../dialogs/SuspendedDialog';
import type { Flash } from '../../ui/useFlash';
import type { useApproval } from '../../approval/useApproval';

export type SellDialog =
  | { kind: 'quantity' | 'weight' | 'price' | 'note' | 'discount' | 'order-discount' | 'customer' | 'suspended' }
  | { kind: 'weigh'; product: ProductView };

export interface SellDialogsProps {
  dialog: SellDialog | undefined;
  setDialog: (d: SellDialog | undefined) => void;
  context: SaleContext;
  selected: CartLine | undefined;
  approval: ReturnType<typeof useApproval>;
  setFlash: (f: Flash | undefined) => void;
  onPickWeighed: (product: ProductView, grams: number) => Promise<void>;
}

export function parseWhole(text: string, message: string, code: string): number {
  const value = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) throw new DomainError(code, message, { input: text });
  return value;
}

export function parseGrams(text: string): number {
  const kg = Number(text.trim().replace(',', '.'));
  if (!Number.isFinite(kg) || kg <= 0)
    throw new DomainError(CartError.INVALID_WEIGHT, 'Enter the weight in kilograms, for example 0.450.', {
      input: text,
    });
  return Math.round(kg * 1000);
}

function changeLine(cart: Cart, lineId: string, patch: Partial<CartLine>): Cart {
  return { ...cart, lines: cart.lines.map((l) => (l.lineId === lineId ? { ...l, ...patch } : l)) };
}

export function SellDialogs({
  dialog,
  setDialog,
  context,
  selected,
  approval,
  setFlash,
  onPickWeighed,
}: SellDialogsProps) {
  const cartState = useCart();
  const role = useSession((s) => s.clerk?.role ?? 'clerk');
  // Runs `apply` once every approval the changed sale would need is granted; pricing errors
  // (a discount larger than the line) surface as a message instead.
  const guarded = (candidate: Cart, title: string, apply: (approvals: Approval[]) => void): void => {
    try {
      approval.run(approvalsNeeded(candidate, context, role), title, (a) => {
        try {
          apply(a);
        } catch (e) {
          setFlash({ kind: 'error', text: errorMessage(e) });
        }
      });
    } catch (e) {
      setFlash({ kind: 'error', text: errorMessage(e) });
    }
  };
  const { cart } = cartState;
  const close = (): void => setDialog(undefined);
  const c = cart.currency;
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'quantity':
      return selected ? (
        <PromptDialog
          title={`Quantity — ${selected.name}`}
          label="Quantity"
          initial={String(selected.quantity)}
          inputMode="numeric"
          onClose={close}
          testId="quantity-dialog"
          onSubmit={(v) =>
            cartState.setQuantity(
              selected.lineId,
              parseWhole(v, 'Enter a whole quantity, such as 3.', CartError.INVALID_QUANTITY),
            )
          }
        />
      ) : null;
    case 'weight':
      return selected ? (
        <PromptDialog
          title={`Weight — ${selected.name}`}
          label="Weight in kg"
          initial={((selected.weightGrams ?? 0) / 1000).toFixed(3)}
          onClose={close}
          onSubmit={(v) => cartState.setWeight(selected.lineId, parseGrams(v))}
        />
      ) : null;
    case 'weigh':
      return (
        <PromptDialog
          title={`Weigh — ${dialog.product.name}`}
          label="Weight in kg (from the scale)"
          onClose={close}
          onSubmit={(v) => onPickWeighed(dialog.product, parseGrams(v))}
        />
      );
    case 'price':
      return selected ? (
        <PromptDialog
          title={`New price — ${selected.name}`}
          label={`Unit price (was ${fmt(selected.unitPrice, c)})`}
          onClose={close}
          testId="price-dialog"
          onSubmit={(v) => {
            const price = parseMoney(v, c).amount;
            const line = selected;
            close();
            guarded(
              changeLine(cart, line.lineId, { priceOverride: price }),
              `Change the price of ${line.name} to ${fmt(price, c)}`,
              (a) => cartState.overridePrice(line.lineId, price, a),
            );
          }}
        />
      ) : null;
    case 'note':
      return selected ? (
        <PromptDialog
          title={`Note — ${selected.name}`}
          label={`Note for this line (up to ${LINE_NOTE_MAX} characters; leave empty to remove it)`}
          initial={selected.note ?? ''}
          inputMode="text"
          onClose={close}
          testId="note-dialog"
          onSubmit={(v) => cartState.setNote(selected.lineId, v)}
        />
      ) : null;
    case 'discount':
      return selected ? (
        <DiscountDialog
          title={`Discount — ${selected.name}`}
          currency={c}
          onClose={close}
          onSubmit={(d) => {
            const line = selected;
            close();
            const label = d.kind === 'percent' ? `${d.percent} %` : fmt(d.amount, c);
            guarded(
              changeLine(cart, line.lineId, { discount: d }),
              `Discount ${line.name} by ${label} (${d.reason})`,
              (a) => cartState.setLineDiscount(line.lineId, d, a),
            );
          }}
        />
      ) : null;
    case 'order-discount':
      return (
        <DiscountDialog
          title="Discount the whole sale"
          currency={c}
          onClose={close}
          onSubmit={(d) => {
            close();
            const label = d.kind === 'percent' ? `${d.percent} %` : fmt(d.amount, c);
            guarded({ ...cart, orderDiscount: d }, `Discount the whole sale by ${label} (${d.reason})`, (a) =>
              cartState.setOrderDiscount(d, a),
            );
          }}
        />
      );
    case 'customer':
      return (
        <CustomerDialog
          currency={c}
          onClose={close}
          onPick={(customer) => {
            cartState.attachCustomer(
              customer
                ? { id: customer.id, name: customer.name, storeCreditBalance: customer.storeCreditBalance }
                : undefined,
            );
            close();
          }}
        />
      );
    case 'suspended':
      return (
        <SuspendedDialog
          sales={cartState.suspended}
          canSuspend={cart.lines.length > 0}
          onClose={close}
          onSuspendCurrent={() => {
            try {
              cartState.suspend();
              setFlash({ kind: 'ok', text: 'Sale suspended. Press F8 to resume it.' });
              close();
            } catch (e) {
              setFlash({ kind: 'error', text: errorMessage(e) });
            }
          }}
          onResume={(id) => {
            try {
              cartState.resume(id);
              close();
            } catch (e) {
              setFlash({ kind: 'error', text: errorMessage(e) });
            }
          }}
        />
      );
  }
}
