// Every register action has a key. One table drives the global key handler and the F1 help
// overlay, so the help never drifts from what the keys really do.
export const Action = {
  HELP: 'help',
  SEARCH: 'search',
  QUANTITY: 'quantity',
  CUSTOMER: 'customer',
  PRICE_OVERRIDE: 'price-override',
  VOID_LINE: 'void-line',
  LINE_NOTE: 'line-note',
  SUSPEND: 'suspend',
  DISCOUNT: 'discount',
  ORDER_DISCOUNT: 'order-discount',
  VOID_SALE: 'void-sale',
  PAY: 'pay',
  BACK: 'back',
  LOCK: 'lock',
  TILL: 'till',
  SYNC: 'sync',
  HISTORY: 'history',
  LINE_UP: 'line-up',
  LINE_DOWN: 'line-down',
} as const;
export type ActionId = (typeof Action)[keyof typeof Action];

export interface Shortcut {
  action: ActionId;
  key: string;
  ctrl?: boolean;
  alt?: boolean;
  label: string;
  description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: Action.HELP, key: 'F1', label: 'F1', description: 'Show or hide this list of keys' },
  { action: Action.SEARCH, key: 'F2', label: 'F2', description: 'Search products by name, SKU or barcode' },
  {
    action: Action.QUANTITY,
    key: 'F3',
    label: 'F3',
    description: 'Change the quantity or weight of the selected line',
  },
  { action: Action.CUSTOMER, key: 'F4', label: 'F4', description: 'Attach or create a customer' },
  { action: Action.PRICE_OVERRIDE, key: 'F5', label: 'F5', description: 'Override the price of the selected line' },
  { action: Action.VOID_LINE, key: 'F6', label: 'F6', description: 'Void the selected line' },
  {
    action: Action.LINE_NOTE,
    key: 'n',
    alt: true,
    label: 'Alt+N',
    description: 'Add or change a note on the selected line (printed on the receipt)',
  },
  { action: Action.SUSPEND, key: 'F8', label: 'F8', description: 'Suspend this sale, or resume a suspended one' },
  { action: Action.DISCOUNT, key: 'F9', label: 'F9', description: 'Discount the selected line' },
  { action: Action.ORDER_DISCOUNT, key: 'F10', label: 'F10', description: 'Discount the whole sale' },
  { action: Action.VOID_SALE, key: 'F11', label: 'F11', description: 'Void the whole sale' },
  { action: Action.PAY, key: 'F12', label: 'F12', description: 'Take payment' },
  { action: Action.BACK, key: 'Escape', label: 'Esc', description: 'Close the dialog or go back' },
  { action: Action.LOCK, key: 'l', ctrl: true, label: 'Ctrl+L', description: 'Lock the register (switch clerk)' },
  {
    action: Action.TILL,
    key: 't',
    ctrl: true,
    label: 'Ctrl+T',
    description: 'Till: paid in/out, X and Z reports, close',
  },
  {
    action: Action.SYNC,
    key: 'y',
    ctrl: true,
    label: 'Ctrl+Y',
    description: 'Sync panel: waiting and refused documents, training mode',
  },
  {
    action: Action.HISTORY,
    key: 'h',
    ctrl: true,
    label: 'Ctrl+H',
    description: 'Sales history: find a sale, reprint or e-mail its receipt',
  },
  { action: Action.LINE_UP, key: 'ArrowUp', label: '↑', description: 'Select the previous cart line' },
  { action: Action.LINE_DOWN, key: 'ArrowDown', label: '↓', description: 'Select the next cart line' },
];

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export function actionForKey(event: KeyLike): ActionId | undefined {
  const ctrl = event.ctrlKey || event.metaKey;
  const found = SHORTCUTS.find(
    (s) =>
      (s.ctrl ?? false) === ctrl &&
      (s.alt ?? false) === event.altKey &&
      s.key.toLowerCase() === event.key.toLowerCase(),
  );
  return found?.action;
}
