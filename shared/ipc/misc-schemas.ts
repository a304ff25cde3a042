// Schemas for the smaller channels: app info, sale-in-progress, updates, links and file saving.
import { z } from 'zod';

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  runtime: z.enum(['electron', 'browser']),
  platform: z.string(),
  isPackaged: z.boolean(),
});
export type AppInfo = z.output<typeof AppInfoSchema>;

export const SaleInProgressArgsSchema = z.object({
  inProgress: z.boolean(),
  /** The open order, for logs only: main keeps no sale data (the renderer's IndexedDB does). */
  orderId: z.string().max(100).optional(),
});

export const UpdateStatusSchema = z.object({
  state: z.enum(['disabled', 'idle', 'checking', 'available', 'downloading', 'downloaded', 'error']),
  version: z.string().nullable(),
  percent: z.number().min(0).max(100).nullable(),
  saleInProgress: z.boolean(),
  /** An update is downloaded and waits for the sale to finish. */
  installDeferred: z.boolean(),
  message: z.string().nullable(),
});
export type UpdateStatus = z.output<typeof UpdateStatusSchema>;

export const OpenExternalArgsSchema = z.object({ url: z.string().min(1).max(2000) });

/** A plain file name: no folders, no device names, so the renderer cannot pick where it lands. */
const fileName = z
  .string()
  .min(1)
  .max(120)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 ._()-]*\.(?:pdf|html|txt|csv|json|bin)$/,
    'Use a simple file name ending in .pdf, .html, .txt, .csv, .json or .bin.',
  );

export const SaveFileArgsSchema = z.object({
  suggestedName: fileName,
  mimeType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/),
  data: z.union([
    z.string().max(10 * 1024 * 1024),
    z.instanceof(Uint8Array).refine((b) => b.byteLength <= 10 * 1024 * 1024),
  ]),
});

export const SaveFileResultSchema = z.object({
  saved: z.boolean(),
  /** Where it went (a path in Electron, "downloads" in a browser); null when cancelled. */
  location: z.string().nullable(),
});
