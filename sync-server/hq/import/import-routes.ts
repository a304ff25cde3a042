// Console upload: POST /api/hq/console/import/<kind>?dryRun=1 with the CSV as the body
// (text/csv). The body is parsed as it arrives, so the upload's progress is the import's.
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../../shared/errors';
import { HqError } from '../errors';
import { HQ_API, type HqDeps } from '../deps';
import { field } from '../input';
import { IMPORT_KINDS } from './kinds';
import { runImport } from './importer';

export function registerImportRoutes(app: FastifyInstance, deps: HqDeps): void {
  app.get(`${HQ_API}/import`, async (request) => {
    await deps.guard.caller(request);
    return {
      kinds: Object.entries(IMPORT_KINDS).map(([name, make]) => {
        const kind = make();
        return { name, required: kind.required, optional: kind.optional };
      }),
    };
  });

  app.post<{ Params: { kind: string } }>(`${HQ_API}/import/:kind`, async (request) => {
    const caller = await deps.guard.caller(request, 'operations');
    const body = request.body as Readable | undefined;
    if (!body || typeof (body as { pipe?: unknown }).pipe !== 'function') {
      throw new DomainError(
        HqError.INVALID_INPUT,
        'Send the CSV file as the request body with Content-Type: text/csv.',
        { field: 'file' },
      );
    }
    const dry = field(request.query, 'dryRun');
    const report = await runImport(deps.ctx, {
      kind: request.params.kind,
      input: body,
      dryRun: dry === '1' || dry === 'true',
    });
    request.log.info({ kind: report.kind, dryRun: report.dryRun, rows: report.rows, by: caller.email }, 'HQ import');
    return report;
  });
}
