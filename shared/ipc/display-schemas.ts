// What the customer-facing display shows. Amounts are integer minor units of `currency`.
import { z } from 'zod';

const minor = z.number().int().safe();

const CustomerDisplayLineSchema = z.object({
  id: z.string().min(1).max(100),
  description: z.string().max(200),
  quantity: z.number().int().min(-9999).max(9999),
  /** Weighed items show their weight instead of a count. */
  weightGrams: z.number().int().positive().optional(),
  /** The clerk's note on the line, shown under it. */
  note: z.string().max(200).optional(),
  unitPrice: minor,
  lineTotal: minor,
});

export const CustomerDisplayStateSchema = z.object({
  status: z.enum(['idle', 'cart', 'paying', 'paid']),
  currency: z.string().regex(/^[A-Z]{3}$/),
  lines: z.array(CustomerDisplayLineSchema).max(500),
  subtotal: minor,
  discountTotal: minor,
  taxTotal: minor,
  total: minor,
  paid: minor.default(0),
  changeDue: minor.default(0),
  /** The store's name, shown large on the idle screen. */
  storeName: z.string().max(120).optional(),
  /** A short line for the customer: "Thank you!", "Please insert your card". */
  message: z.string().max(200).optional(),
});
export type CustomerDisplayState = z.output<typeof CustomerDisplayStateSchema>;

export const CustomerDisplayResultSchema = z.object({
  /** False when no second screen is attached (the update is kept for when one appears). */
  shown: z.boolean(),
});
