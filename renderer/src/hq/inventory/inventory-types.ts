// Shapes of the console's inventory API (sync-server/inventory/hq-inventory-routes.ts).
import type { LedgerLine } from '../../../../shared/inventory/availability';
import type { StockAlert } from '../../../../shared/inventory/alerts';

export interface ConsoleAlert extends StockAlert {
  acknowledged?: { by: string; at: string };
}

export interface StoreAlertList {
  storeId: string;
  storeCode: string;
  storeName: string;
  alerts: ConsoleAlert[];
}

export interface ConsoleLedger {
  storeCode: string;
  sku: string;
  lines: (LedgerLine & { who: string })[];
  truncated: boolean;
  level: { onHand: number; reserved: number; available: number } | null;
}

export interface ReorderReport {
  rows: number;
  saved: number;
  errorCount: number;
  errors: { row: number; column: string; message: string }[];
}

export const INVENTORY_API = {
  alerts: '/inventory/alerts',
  acknowledge: '/inventory/alerts/acknowledge',
  ledger: '/inventory/ledger',
  reorderPoints: '/inventory/reorder-points',
} as const;

export const ALERT_LABELS: Record<StockAlert['kind'], string> = {
  negative: 'Negative stock',
  oversold: 'Oversold',
  below_reorder: 'Below reorder point',
};
