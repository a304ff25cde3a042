// The sell screen's dialogs: quantity, weight, price override, line note, custom item, discounts,
// customer, suspend.
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
import { CustomItemDialog } from '../dialogs/CustomItemDialog';
import { mayRingOpenPrice, OPEN_PRICE_ROLE } from '../../../../shared/orders/open-price';
import { ApprovalKind, type RequiredApproval } from '../../../../shared/pricing';
import { newId } from '../../model/ids';
import type { Flash } from '../../ui/useFlash';
import type { useApproval } from '../../approval/useApproval';

export type SellDialog =
  | { kind: 'quantity' | 'weight' | 'price' | 'note' | 'discount' | 'order-discount' | 'customer' | 'suspended' }
  | { kind: 'weigh'; product: ProductView }
  | { kind: 'custom'; product: ProductView & { openPriceMax: number } };

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
  const clerk = useSession((s) => s.clerk);
  const role = clerk?.role ?? 'clerk';
  // Runs `apply` once every approval the changed sale would need is granted; pricing errors
  // (a discount larger than the line) surface as a message instead.
  const guarded = (
    candidate: Cart,
    title: string,
    apply: (approvals: Approval[]) => void,
    extra: RequiredApproval[] = [],
  ): void => {
    try {
      approval.run([...approvalsNeeded(candidate, context, role), ...extra], title, (a) => {
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
    case 'custom':
      return (
        <CustomItemDialog
          product={dialog.product}
          currency={c}
          onClose={close}
          onSubmit={(item) => {
            const product = dialog.product;
            const lineId = newId();
            const detail = `Custom item ${product.name}: "${item.description}" at ${fmt(item.price, c)}.`;
            const add = (a: Approval): void => {
              cartState.addCustomItem(product, item, lineId, a);
              setFlash({ kind: 'ok', text: `Added ${item.description}` });
            };
            // A supervisor or above rings it on their own approval; anyone else asks one.
            if (clerk && mayRingOpenPrice(clerk.role)) {
              const self = {
                kind: ApprovalKind.PRICE_OVERRIDE,
                subject: lineId,
                approverId: clerk.staffId,
                approverName: clerk.name,
                approverRole: clerk.role,
                at: new Date().toISOString(),
                detail,
              };
              try {
                add(self);
              } catch (e) {
                setFlash({ kind: 'error', text: errorMessage(e) });
              }
              return;
            }
            guarded(
              cart,
              `Ring a custom item: ${item.description} at ${fmt(item.price, c)}`,
              (a) => {
                const granted = a.find((x) => x.kind === ApprovalKind.PRICE_OVERRIDE && x.subject === lineId);
                if (!granted)
                  throw new DomainError(
                    CartError.CUSTOM_ITEM_NOT_APPROVED,
                    'A custom item needs a supervisor or manager to approve it.',
                  );
                add(granted);
              },
              [{ kind: ApprovalKind.PRICE_OVERRIDE, subject: lineId, minimumRole: OPEN_PRICE_ROLE, reason: detail }],
            );
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
