// The console's navigation entries: read by the shell's bar, kept apart from the router so the
// shell and the router do not import each other.
export const NAV = [
  { href: '#/', label: 'Dashboard' },
  { href: '#/orders', label: 'Orders' },
  { href: '#/exceptions', label: 'Exceptions' },
  { href: '#/customers', label: 'Customers' },
  { href: '#/devices', label: 'Devices' },
  { href: '#/stores', label: 'Stores' },
  { href: '#/staff', label: 'Staff' },
  { href: '#/policies', label: 'Policies' },
  { href: '#/price-books', label: 'Price books' },
  { href: '#/promotions', label: 'Promotions' },
  { href: '#/inventory', label: 'Inventory' },
  { href: '#/import', label: 'Import' },
  { href: '#/journal', label: 'Journal' },
  { href: '#/webhooks', label: 'Webhooks' },
] as const;
