// Register settings kept by main (a JSON file beside the app data) or, in a browser, localStorage.
import { z } from 'zod';
import { PrinterTargetSchema } from './printer-schemas';

const httpUrl = z
  .string()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'Enter a full address starting with https:// (or http:// on a store network).');

const fields = {
  /** Full-screen, no window controls, no leaving the app: for registers on the shop floor. */
  kiosk: z.boolean(),
  fullScreen: z.boolean(),
  receiptPrinter: PrinterTargetSchema.nullable(),
  /** Characters per line of the thermal paper: 42 (Font A on 80 mm at 576 dots) or 48. */
  receiptColumns: z.union([z.literal(42), z.literal(48)]),
  cashDrawer: z.object({ enabled: z.boolean(), pin: z.union([z.literal(2), z.literal(5)]) }),
  customerDisplay: z.boolean(),
  serverUrl: httpUrl.nullable(),
};

export const SettingsSchema = z.object({
  kiosk: fields.kiosk.default(false),
  fullScreen: fields.fullScreen.default(false),
  receiptPrinter: fields.receiptPrinter.default(null),
  receiptColumns: fields.receiptColumns.default(48),
  cashDrawer: fields.cashDrawer.default({ enabled: false, pin: 2 }),
  customerDisplay: fields.customerDisplay.default(true),
  serverUrl: fields.serverUrl.default(null),
});
export type Settings = z.output<typeof SettingsSchema>;

/** A change to some settings. No defaults here: a field left out must stay as it is. */
export const SettingsPatchSchema = z.object(fields).partial().strict();
export type SettingsPatch = z.input<typeof SettingsPatchSchema>;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}
