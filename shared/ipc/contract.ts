// The one IPC contract: per method, a zod schema for the arguments (checked in main) and for the
// result. `PosBridge` (window.pos) is derived from it, so main, preload and renderer agree.
import { z } from 'zod';
import type { ErrorBody } from '../errors';
import type { IpcMethod } from './channels';
import { CustomerDisplayResultSchema, CustomerDisplayStateSchema } from './display-schemas';
import type { CustomerDisplayState } from './display-schemas';
import {
  AppInfoSchema,
  OpenExternalArgsSchema,
  SaleInProgressArgsSchema,
  SaveFileArgsSchema,
  SaveFileResultSchema,
  UpdateStatusSchema,
} from './misc-schemas';
import {
  PrinterInfoSchema,
  PrinterStatusSchema,
  PrintHtmlArgsSchema,
  PrintJobResultSchema,
  PrintRawArgsSchema,
  PrintTestPageArgsSchema,
} from './printer-schemas';
import { SettingsPatchSchema, SettingsSchema } from './settings-schemas';

const noArgs = z.undefined();
const done = z.object({ done: z.literal(true) });

export const ipcContract = {
  appInfo: { args: noArgs, result: AppInfoSchema },
  printReceiptHtml: { args: PrintHtmlArgsSchema, result: PrintJobResultSchema },
  printRaw: { args: PrintRawArgsSchema, result: PrintJobResultSchema },
  openCashDrawer: { args: noArgs, result: PrintJobResultSchema },
  printerStatus: { args: noArgs, result: PrinterStatusSchema },
  printTestPage: { args: PrintTestPageArgsSchema, result: PrintJobResultSchema },
  listPrinters: { args: noArgs, result: z.array(PrinterInfoSchema) },
  customerDisplayUpdate: { args: CustomerDisplayStateSchema, result: CustomerDisplayResultSchema },
  setSaleInProgress: { args: SaleInProgressArgsSchema, result: UpdateStatusSchema },
  updateStatus: { args: noArgs, result: UpdateStatusSchema },
  updateInstall: { args: noArgs, result: done },
  settingsGet: { args: noArgs, result: SettingsSchema },
  settingsSet: { args: SettingsPatchSchema, result: SettingsSchema },
  openExternal: { args: OpenExternalArgsSchema, result: done },
  saveFile: { args: SaveFileArgsSchema, result: SaveFileResultSchema },
} as const satisfies Record<IpcMethod, { args: z.ZodType; result: z.ZodType }>;

/** What a caller passes (defaults may be omitted). */
export type IpcArgs<K extends IpcMethod> = z.input<(typeof ipcContract)[K]['args']>;
/** What a handler receives after validation (defaults filled in). */
export type IpcParsedArgs<K extends IpcMethod> = z.output<(typeof ipcContract)[K]['args']>;
export type IpcValue<K extends IpcMethod> = z.output<(typeof ipcContract)[K]['result']>;

/** Every call resolves; failures come back as data because Error objects lose their code across contextBridge. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

export type PosBridgeMethods = {
  [K in IpcMethod]: (...args: [IpcArgs<K>] extends [undefined] ? [] : [IpcArgs<K>]) => Promise<IpcResult<IpcValue<K>>>;
};

export interface PosBridge extends PosBridgeMethods {
  readonly runtime: 'electron' | 'browser';
  /** For the customer display window: called with each new state; returns an unsubscribe. */
  onCustomerDisplay(listener: (state: CustomerDisplayState) => void): () => void;
}

export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

export function fail<T>(error: ErrorBody): IpcResult<T> {
  return { ok: false, error };
}
