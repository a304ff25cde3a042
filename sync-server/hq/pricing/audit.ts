// The pricing audit trail: every price book, price, store assignment and promotion change made
// from the console, with who (e-mail and role) and when (hq_pricing_audit, migration 32). The
// replicated documents carry only `updatedAt`; this table says who.
import { randomUUID } from 'node:crypto';
import type { HqCaller } from '../guard';
import type { HqSql } from '../sql';

import type { AuditEntity, AuditEntry } from '../../../shared/hq/pricing';

interface AuditRow {
  id: string;
  entity: AuditEntity;
  entity_id: string;
  action: string;
  summary: string;
  by_email: string;
  by_role: string;
  at: string;
}

export async function recordAudit(
  sql: HqSql,
  caller: HqCaller,
  entry: { entity: AuditEntity; entityId: string; action: string; summary: string },
): Promise<void> {
  await sql.tx(async (run) => {
    await run(
      'INSERT INTO hq_pricing_audit (id, entity, entity_id, action, summary, by_email, by_role, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [
        randomUUID(),
        entry.entity,
        entry.entityId,
        entry.action,
        entry.summary.slice(0, 500),
        caller.email,
        caller.role,
        new Date().toISOString(),
      ],
    );
  });
}

/** The newest entries first, for one price book or promotion (or all of them), at most `limit`. */
export async function readAudit(sql: HqSql, entityId: string | undefined, limit = 200): Promise<AuditEntry[]> {
  const rows = entityId
    ? await sql.all<AuditRow>('SELECT * FROM hq_pricing_audit WHERE entity_id = ? ORDER BY at DESC, id LIMIT ?', [
        entityId,
        limit,
      ])
    : await sql.all<AuditRow>('SELECT * FROM hq_pricing_audit ORDER BY at DESC, id LIMIT ?', [limit]);
  return rows.map((r) => ({
    id: r.id,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    summary: r.summary,
    byEmail: r.by_email,
    byRole: r.by_role,
    at: r.at,
  }));
}
