// Register settings kept by main (a JSON file beside the app data) or, in a browser, localStorage.
import { z } from 'zod';
import { PrinterTargetSchema } from './printer-schemas';
import { serverUrlIssue } from '../protocol/server-url';

// The sync server address: https, or plain http only to this machine (shared/protocol/server-url).
const serverUrl = z
  .string()
  .max(2000)
  .superRefine((value, ctx) => {
    const issue = serverUrlIssue(value);
    if (issue) ctx.addIssue({ code: 'custom', message: issue.message, params: { code: issue.code } });
  });

const fields = {
  /** Full-screen, no window controls, no leaving the app: for registers on the shop floor. */
  kiosk: z.boolean(),
  fullScreen: z.boolean(),
  receiptPrinter: PrinterTargetSchema.nullable(),
  /** Characters per line of the thermal paper: 42 (Font A on 80 mm at 576 dots) or 48. */
  receiptColumns: z.union([z.literal(42), z.literal(48)]),
  cashDrawer: z.object({ enabled: z.boolean(), pin: z.union([z.literal(2), z.literal(5)]) }),
  customerDisplay: z.boolean(),
  serverUrl: serverUrl.nullable(),
};

export const SettingsSchema = z.object({
  kiosk: fields.kiosk.default(false),
  fullScreen: fields.fullScreen.default(false),
  receiptPrinter: fields.receiptPrinter.default(null),
  receiptColumns: fields.receiptColumns.default(48),
  cashDrawer: fields.cashDrawer.default({ enabled: false, pin: 2 }),
  customerDisplay: fields.customerDisplay.default(true),
  // A saved address the rule now refuses (plain http over the network) is dropped, not the whole file.
  serverUrl: fields.serverUrl.default(null).catch(null),
});
export type Settings = z.output<typeof SettingsSchema>;

/** A change to some settings. No defaults here: a field left out must stay as it is. */
export const SettingsPatchSchema = z.object(fields).partial().strict();
export type SettingsPatch = z.input<typeof SettingsPatchSchema>;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}
