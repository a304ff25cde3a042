// Printer configuration and printing arguments. Raw device paths are limited to printer-like
// devices so a settings change can never make main write bytes over an ordinary file.
import { z } from 'zod';

const hostname =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const ipv4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
/** Linux printer/serial devices and Windows COM/LPT ports. */
const devicePathPattern =
  /^(?:\/dev\/(?:usb\/lp\d{1,2}|lp\d{1,2}|tty(?:USB|ACM|S)\d{1,2}|rfcomm\d{1,2})|(?:\\\\\.\\)?(?:COM|LPT)\d{1,2})$/;

/** The raw (JetDirect) printing ports network receipt printers listen on. */
const RAW_PRINTER_PORTS = {
  min: 9100,
  max: 9102,
  message: 'A network receipt printer listens on port 9100, 9101 or 9102.',
} as const;

export const PrinterTargetSchema = z.discriminatedUnion('kind', [
  /** A printer installed in the operating system; receipts go through its driver (HTML only). */
  z.object({ kind: z.literal('system'), name: z.string().min(1).max(200) }),
  /** An ESC/POS printer on the network, raw TCP (usually port 9100). */
  z.object({
    kind: z.literal('network'),
    host: z
      .string()
      .refine((h) => ipv4.test(h) || hostname.test(h), 'Enter an IP address or host name, without http:// or a port.'),
    // Raw printing ports only: a renderer must not turn the register into a TCP client of any service.
    port: z
      .number()
      .int()
      .min(RAW_PRINTER_PORTS.min, RAW_PRINTER_PORTS.message)
      .max(RAW_PRINTER_PORTS.max, RAW_PRINTER_PORTS.message)
      .default(9100),
  }),
  /** An ESC/POS printer on a local USB/serial device. */
  z.object({
    kind: z.literal('device'),
    path: z.string().regex(devicePathPattern, 'Enter a printer device such as /dev/usb/lp0 or COM3.'),
  }),
]);
export type PrinterTarget = z.output<typeof PrinterTargetSchema>;

const MAX_RAW_BYTES = 512 * 1024;
const MAX_HTML_CHARS = 1024 * 1024;

export const PrintHtmlArgsSchema = z.object({
  html: z.string().min(1).max(MAX_HTML_CHARS),
  /** Overrides the configured receipt printer name; omitted = the configured one. */
  printerName: z.string().min(1).max(200).optional(),
  copies: z.number().int().min(1).max(5).default(1),
});

export const PrintRawArgsSchema = z.object({
  bytes: z
    .instanceof(Uint8Array)
    .refine((b) => b.byteLength > 0 && b.byteLength <= MAX_RAW_BYTES, 'Between 1 byte and 512 KiB of ESC/POS data.'),
  /** What the job is for: decides what the clerk is told when it fails. */
  purpose: z.enum(['receipt', 'reprint', 'report']).default('receipt'),
});

export const PrintTestPageArgsSchema = z.object({
  /** A printer to try before saving it in settings; omitted = the configured one. */
  target: PrinterTargetSchema.optional(),
});

export const PrintJobResultSchema = z.object({
  printer: z.string(),
  bytesSent: z.number().int().nonnegative().optional(),
});

export const PrinterStatusSchema = z.object({
  state: z.enum(['ready', 'offline', 'paper-out', 'not-configured']),
  printer: z.string().nullable(),
  message: z.string(),
});
export type PrinterStatus = z.output<typeof PrinterStatusSchema>;

export const PrinterInfoSchema = z.object({ name: z.string(), displayName: z.string(), isDefault: z.boolean() });
export type PrinterInfo = z.output<typeof PrinterInfoSchema>;
