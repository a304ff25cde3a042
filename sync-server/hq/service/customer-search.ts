// Finds customers for the console's Customer 360 page by name, e-mail or phone (the register's
// searchName field holds all three in lower case).
import { DomainError } from '../../../shared/errors';
import type { Storage } from '../../storage/storage';
import { HqError } from '../errors';

export interface CustomerHit {
  id: string;
  displayName: string;
  email: string | null;
  phone: string | null;
}

export async function searchCustomers(storage: Storage, q: unknown): Promise<CustomerHit[]> {
  if (q !== undefined && (typeof q !== 'string' || q.length > 100 || q.includes('\u0000')))
    throw new DomainError(HqError.INVALID_INPUT, 'Search with up to 100 characters of name, e-mail or phone.', {
      field: 'q',
    });
  const text = (q ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await storage.query<{ data: string | Record<string, unknown> }>(
    {
      sqlite: `SELECT data FROM documents WHERE collection = 'customers' AND deleted = 0
        AND json_extract(data, '$.searchName') LIKE ? ESCAPE '\\' ORDER BY json_extract(data, '$.displayName') LIMIT 50`,
      postgres: `SELECT data FROM documents WHERE collection = 'customers' AND NOT deleted
        AND (data::jsonb ->> 'searchName') LIKE ? ESCAPE '\\' ORDER BY (data::jsonb ->> 'displayName') LIMIT 50`,
    },
    [`%${text}%`],
  );
  return rows.map((r) => {
    const d = typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data;
    return {
      id: String(d.id),
      displayName: String(d.displayName),
      email: typeof d.email === 'string' ? d.email : null,
      phone: typeof d.phone === 'string' ? d.phone : null,
    };
  });
}
