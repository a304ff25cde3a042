// Customer service's notes on a customer, edited on the Customer 360 page. The text lives on the
// customer document (registers show it when the customer is attached) and obeys its rules: at
// most 2,000 characters, no card numbers (the PAN detector of every free-text field). Who wrote it
// last and when is kept beside it in hq_customer_notes, in the same transaction.
import { z } from 'zod';
import { DomainError } from '../../../shared/errors';
import { freeText } from '../../../shared/schemas/fields';
import type { Orchestration } from '../../orchestration/context';
import { serverWrite } from '../../orchestration/documents';
import type { Storage } from '../../storage/storage';
import { HqError } from '../errors';

export const NOTES_MAX = 2000;
const notesSchema = z.strictObject({ notes: freeText(NOTES_MAX) });

export interface NotesEdit {
  by: string;
  at: string;
}

export async function notesEditOf(storage: Pick<Storage, 'query'>, customerId: string): Promise<NotesEdit | undefined> {
  const row = (
    await storage.query<{ updated_by: string; updated_at: string }>(
      'SELECT updated_by, updated_at FROM hq_customer_notes WHERE customer_id = ?',
      [customerId],
    )
  )[0];
  return row ? { by: row.updated_by, at: row.updated_at } : undefined;
}

export async function saveCustomerNotes(
  o: Orchestration,
  customerId: string,
  body: unknown,
  by: string,
): Promise<{ notes: string; edited: NotesEdit }> {
  const parsed = notesSchema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const tooLong = issue?.code === 'too_big';
    throw new DomainError(
      HqError.INVALID_INPUT,
      tooLong ? `Notes hold at most ${NOTES_MAX} characters; shorten them.` : (issue?.message ?? 'Notes are text.'),
      { field: 'notes' },
    );
  }
  const notes = parsed.data.notes.trim();
  const at = o.now();
  await o.storage.write(async (tx) => {
    const stored = (await tx.getDocuments('customers', [customerId])).get(customerId);
    if (!stored || stored.deleted)
      throw new DomainError(HqError.NOT_FOUND, `No customer ${customerId}; search for the customer again.`);
    const { notes: _old, ...rest } = stored.data;
    const next = { ...rest, ...(notes ? { notes } : {}), updatedAt: at };
    const written = await tx.putDocuments([serverWrite(o.policies, 'customers', next, stored)]);
    await o.afterWrite?.(tx, 'customers', written);
    await tx.query('DELETE FROM hq_customer_notes WHERE customer_id = ?', [customerId]);
    await tx.query('INSERT INTO hq_customer_notes (customer_id, updated_by, updated_at) VALUES (?, ?, ?)', [
      customerId,
      by,
      at,
    ]);
  });
  return { notes, edited: { by, at } };
}
