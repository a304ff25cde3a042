// The open sale. Persisted on every change to the sale storage (sale-state-storage.ts: IndexedDB
// with strict durability in the register), so a crash or reload right after a scan still restores
// the line; suspended sales are kept the same way. Read back by restore-sale-state.ts at start-up.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { DomainError } from '../../../shared/errors';
import { containsPan } from '../../../shared/schemas/pan';
import { LINE_NOTE_MAX } from '../../../shared/schemas/order-lines';
import { checkedCustomItem, mayRingOpenPrice, type CustomItem } from '../../../shared/orders/open-price';
import { ApprovalKind } from '../../../shared/pricing';
import { newId } from '../model/ids';
import type { ProductView } from '../model/backend';
import { CartError } from './cart-errors';
import { saleStateStorage } from './sale-state-storage';
import type { Approval, Cart, CartCustomer, CartLine, Discount } from '../model/cart-types';

export const MAX_QUANTITY = 9999;
export const MAX_WEIGHT_GRAMS = 100_000;

export interface AddOptions {
  quantity?: number;
  weightGrams?: number;
  embeddedPrice?: number;
  barcode?: string;
  /** The scan this line comes from (sale/scan-journal.ts), stored with the cart in the same write. */
  scanId?: string;
}

interface CartState {
  cart: Cart;
  suspended: Cart[];
  addProduct(product: ProductView, options?: AddOptions): CartLine;
  select(lineId: string): void;
  selectNext(step: 1 | -1): void;
  setQuantity(lineId: string, quantity: number): void;
  setWeight(lineId: string, grams: number): void;
  voidLine(lineId: string, approvals?: readonly Approval[]): void;
  setLineDiscount(lineId: string, discount: Discount | undefined, approvals?: readonly Approval[]): void;
  setOrderDiscount(discount: Discount | undefined, approvals?: readonly Approval[]): void;
  overridePrice(lineId: string, price: number, approvals?: readonly Approval[]): void;
  /**
   * Adds an open-price (custom) item: its own line, `item` checked by shared/orders/open-price.ts.
   * `approval` is the price_override for the new line (`lineId`): the clerk's own when their role
   * allows custom items, else the manager's. Every custom line carries one; the server checks it.
   */
  addCustomItem(product: ProductView, item: CustomItem, lineId: string, approval: Approval): CartLine;
  /** Sets the line's note (trimmed); an empty text removes it. */
  setNote(lineId: string, note: string): void;
  attachCustomer(customer: CartCustomer | undefined): void;
  voidSale(approvals?: readonly Approval[]): Cart;
  suspend(): Cart;
  resume(saleId: string): void;
  /** Starts a fresh sale after the previous one completed. */
  reset(): void;
  configure(currency: string, training: boolean): void;
}

export function emptyCart(currency: string, training: boolean): Cart {
  return {
    saleId: newId(),
    currency,
    startedAt: new Date().toISOString(),
    training,
    lines: [],
    selectedLineId: undefined,
    orderDiscount: undefined,
    customer: undefined,
    approvals: [],
  };
}

function assertQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw new DomainError(CartError.INVALID_QUANTITY, `Enter a whole quantity from 1 to ${MAX_QUANTITY}.`, {
      quantity,
    });
  }
}

export function assertWeight(grams: number): void {
  if (!Number.isInteger(grams) || grams < 1 || grams > MAX_WEIGHT_GRAMS) {
    throw new DomainError(CartError.INVALID_WEIGHT, `Enter the weight in whole grams, from 1 to ${MAX_WEIGHT_GRAMS}.`, {
      grams,
    });
  }
}

/** Shape checks the clerk can fix at once; shared/pricing re-checks against the price. */
export function assertDiscount(discount: Discount): void {
  const ok =
    discount.kind === 'percent'
      ? /^\d{1,3}(\.\d{1,4})?$/.test(discount.percent) &&
        Number(discount.percent) > 0 &&
        Number(discount.percent) <= 100
      : Number.isSafeInteger(discount.amount) && discount.amount > 0;
  if (!ok) {
    throw new DomainError(
      CartError.INVALID_DISCOUNT,
      discount.kind === 'percent'
        ? 'Enter a discount between 0 and 100 %.'
        : 'Enter a discount amount greater than zero.',
      { ...discount },
    );
  }
}

/** The note as stored: trimmed, undefined when empty; refused when too long or holding a card number. */
export function checkedNote(text: string): string | undefined {
  const note = text.trim();
  if (note.length > LINE_NOTE_MAX) {
    throw new DomainError(
      CartError.INVALID_NOTE,
      `A line note is at most ${LINE_NOTE_MAX} characters (this one has ${note.length}): shorten it.`,
      { length: note.length },
    );
  }
  if (containsPan(note)) {
    throw new DomainError(
      CartError.NOTE_HAS_CARD_NUMBER,
      'This note contains what looks like a card number. Remove it: card numbers are never stored.',
    );
  }
  return note === '' ? undefined : note;
}

function withLine(cart: Cart, lineId: string, change: (line: CartLine) => CartLine): Cart {
  if (!cart.lines.some((l) => l.lineId === lineId)) {
    throw new DomainError(CartError.NO_LINE_SELECTED, 'Select a line in the sale first (arrow keys or tap it).', {
      lineId,
    });
  }
  return { ...cart, lines: cart.lines.map((l) => (l.lineId === lineId ? change(l) : l)) };
}

function addApprovals(cart: Cart, approvals: readonly Approval[] | undefined): Cart {
  return approvals && approvals.length > 0 ? { ...cart, approvals: [...cart.approvals, ...approvals] } : cart;
}

export const useCart = create<CartState>()(
  persist(
    (set, get) => ({
      cart: emptyCart('USD', false),
      suspended: [],
      addProduct(product, options = {}) {
        const quantity = options.quantity ?? 1;
        assertQuantity(quantity);
        if (options.weightGrams !== undefined) assertWeight(options.weightGrams);
        const { cart } = get();
        // A plain unit item scanned again adds to its line; weighed and priced items are separate lines.
        const simple =
          options.weightGrams === undefined && options.embeddedPrice === undefined && !product.soldByWeight;
        const same = simple
          ? cart.lines.find(
              (l) =>
                l.productId === product.id &&
                l.weightGrams === undefined &&
                l.embeddedPrice === undefined &&
                l.discount === undefined &&
                l.priceOverride === undefined &&
                l.note === undefined,
            )
          : undefined;
        const scanned = options.scanId === undefined ? {} : { lastScanId: options.scanId };
        if (same) {
          const next = { ...same, quantity: Math.min(MAX_QUANTITY, same.quantity + quantity) };
          set({
            cart: {
              ...cart,
              ...scanned,
              lines: cart.lines.map((l) => (l.lineId === same.lineId ? next : l)),
              selectedLineId: same.lineId,
            },
          });
          return next;
        }
        const line: CartLine = {
          lineId: newId(),
          productId: product.id,
          sku: product.sku,
          name: product.name,
          barcode: options.barcode,
          unitPrice: product.price,
          quantity: options.weightGrams === undefined ? quantity : 1,
          weightGrams: options.weightGrams,
          embeddedPrice: options.embeddedPrice,
          taxCategory: product.taxCategory,
          category: product.category,
          department: product.department,
          discount: undefined,
          priceOverride: undefined,
        };
        set({ cart: { ...cart, ...scanned, lines: [...cart.lines, line], selectedLineId: line.lineId } });
        return line;
      },
      select: (lineId) => set((s) => ({ cart: { ...s.cart, selectedLineId: lineId } })),
      selectNext(step) {
        const { cart } = get();
        if (cart.lines.length === 0) return;
        const index = cart.lines.findIndex((l) => l.lineId === cart.selectedLineId);
        const next = Math.max(0, Math.min(cart.lines.length - 1, (index < 0 ? cart.lines.length : index) + step));
        set({ cart: { ...cart, selectedLineId: cart.lines[next]!.lineId } });
      },
      setQuantity(lineId, quantity) {
        assertQuantity(quantity);
        set((s) => ({
          cart: withLine(s.cart, lineId, (l) => {
            if (l.weightGrams !== undefined || l.embeddedPrice !== undefined) {
              throw new DomainError(
                CartError.INVALID_QUANTITY,
                'This item is sold by weight or with a priced label: scan each label, or change the weight instead.',
              );
            }
            return { ...l, quantity };
          }),
        }));
      },
      setWeight(lineId, grams) {
        assertWeight(grams);
        set((s) => ({
          cart: withLine(s.cart, lineId, (l) => {
            if (l.weightGrams === undefined)
              throw new DomainError(
                CartError.NOT_WEIGHED,
                'This item is sold by the unit: change the quantity instead (F3).',
              );
            return { ...l, weightGrams: grams, embeddedPrice: undefined };
          }),
        }));
      },
      voidLine(lineId, approvals) {
        set((s) => {
          const cart = addApprovals(
            withLine(s.cart, lineId, (l) => l),
            approvals,
          );
          const index = cart.lines.findIndex((l) => l.lineId === lineId);
          const lines = cart.lines.filter((l) => l.lineId !== lineId);
          const selected = lines[Math.min(index, lines.length - 1)]?.lineId;
          return { cart: { ...cart, lines, selectedLineId: selected } };
        });
      },
      setLineDiscount(lineId, discount, approvals) {
        if (discount) assertDiscount(discount);
        set((s) => ({
          cart: addApprovals(
            withLine(s.cart, lineId, (l) => ({ ...l, discount })),
            approvals,
          ),
        }));
      },
      setOrderDiscount(discount, approvals) {
        if (discount) assertDiscount(discount);
        set((s) => ({ cart: addApprovals({ ...s.cart, orderDiscount: discount }, approvals) }));
      },
      addCustomItem(product, item, lineId, approval) {
        if (product.openPriceMax === undefined)
          throw new DomainError(
            CartError.NOT_OPEN_PRICE,
            `${product.name} has a fixed price: scan or pick it instead of ringing a custom item.`,
          );
        const checked = checkedCustomItem(item.description, item.price, product.openPriceMax);
        if (
          approval.kind !== ApprovalKind.PRICE_OVERRIDE ||
          approval.subject !== lineId ||
          !mayRingOpenPrice(approval.approverRole)
        )
          throw new DomainError(
            CartError.CUSTOM_ITEM_NOT_APPROVED,
            'A custom item needs the approval of a supervisor or manager: ask one to enter their PIN.',
          );
        const line: CartLine = {
          lineId,
          productId: product.id,
          sku: product.sku,
          name: product.name,
          barcode: undefined,
          unitPrice: product.price,
          quantity: 1,
          weightGrams: undefined,
          embeddedPrice: undefined,
          taxCategory: product.taxCategory,
          category: product.category,
          department: product.department,
          discount: undefined,
          priceOverride: checked.price,
          note: checked.description,
          openPrice: true,
        };
        set((s) => ({
          cart: addApprovals({ ...s.cart, lines: [...s.cart.lines, line], selectedLineId: lineId }, [approval]),
        }));
        return line;
      },
      overridePrice(lineId, price, approvals) {
        if (!Number.isInteger(price) || price < 0)
          throw new DomainError(CartError.INVALID_PRICE, 'Enter the new price as an amount of zero or more.', {
            price,
          });
        set((s) => ({
          cart: addApprovals(
            withLine(s.cart, lineId, (l) => {
              if (l.openPrice)
                throw new DomainError(
                  CartError.OPEN_PRICE_FIXED,
                  'A custom item keeps the price it was rung with: void the line and ring it again.',
                );
              return { ...l, priceOverride: price };
            }),
            approvals,
          ),
        }));
      },
      setNote(lineId, text) {
        const note = checkedNote(text);
        set((s) => ({
          cart: withLine(s.cart, lineId, (l) => {
            if (l.openPrice && note === undefined)
              throw new DomainError(
                CartError.INVALID_NOTE,
                "A custom item's note says what was sold: change it, but do not empty it.",
              );
            const next: CartLine = { ...l, note };
            if (note === undefined) delete next.note;
            return next;
          }),
        }));
      },
      attachCustomer: (customer) => set((s) => ({ cart: { ...s.cart, customer } })),
      voidSale(approvals) {
        const voided = addApprovals(get().cart, approvals);
        set((s) => ({ cart: emptyCart(s.cart.currency, s.cart.training) }));
        return voided;
      },
      suspend() {
        const { cart } = get();
        if (cart.lines.length === 0)
          throw new DomainError(CartError.EMPTY_SALE, 'There is nothing to suspend: scan an item first.');
        set((s) => ({ suspended: [...s.suspended, cart], cart: emptyCart(cart.currency, cart.training) }));
        return cart;
      },
      resume(saleId) {
        const { cart, suspended } = get();
        if (cart.lines.length > 0)
          throw new DomainError(
            CartError.SALE_IN_PROGRESS,
            'Finish or suspend the current sale before resuming another one.',
          );
        const found = suspended.find((c) => c.saleId === saleId);
        if (!found)
          throw new DomainError(
            CartError.NOTHING_SUSPENDED,
            'That suspended sale is no longer here; it may have been resumed already.',
          );
        set({ cart: found, suspended: suspended.filter((c) => c.saleId !== saleId) });
      },
      reset: () => set((s) => ({ cart: emptyCart(s.cart.currency, s.cart.training) })),
      configure(currency, training) {
        const { cart } = get();
        if (cart.currency === currency && cart.training === training) return;
        // Never mix training and real lines: a mode switch with an open sale suspends it.
        if (cart.lines.length > 0) set((s) => ({ suspended: [...s.suspended, cart] }));
        set({ cart: emptyCart(currency, training) });
      },
    }),
    { name: 'pos.cart', version: 1, storage: saleStateStorage, skipHydration: true },
  ),
);
