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

export const SettingsSchema = z.object({
  /** Full-screen, no window controls, no leaving the app: for registers on the shop floor. */
  kiosk: z.boolean().default(false),
  fullScreen: z.boolean().default(false),
  receiptPrinter: PrinterTargetSchema.nullable().default(null),
  /** Characters per line of the thermal paper: 42 (Font A on 80 mm at 576 dots) or 48. */
  receiptColumns: z.union([z.literal(42), z.literal(48)]).default(48),
  cashDrawer: z
    .object({ enabled: z.boolean().default(false), pin: z.union([z.literal(2), z.literal(5)]).default(2) })
    .default({ enabled: false, pin: 2 }),
  customerDisplay: z.boolean().default(true),
  serverUrl: httpUrl.nullable().default(null),
  updateFeedUrl: httpUrl.nullable().default(null),
});
export type Settings = z.output<typeof SettingsSchema>;

export const SettingsPatchSchema = SettingsSchema.partial().strict();
export type SettingsPatch = z.input<typeof SettingsPatchSchema>;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}
