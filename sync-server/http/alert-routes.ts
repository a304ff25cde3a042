// Security alerts for head office: every refused write that looks like an attack (a register
// deleting a sale, minting store credit, writing outside its store), newest first.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../shared/errors';
import { SyncError } from '../errors';
import { requireHq } from './auth-routes';
import type { ServerContext } from './context';

const SECURITY_ALERTS_PATH = '/api/hq/security-alerts';

const query = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
});

export function registerAlertRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(SECURITY_ALERTS_PATH, async (request) => {
    await requireHq(ctx, request);
    const parsed = query.safeParse(request.query);
    if (!parsed.success)
      throw new DomainError(
        SyncError.BAD_REQUEST,
        'Use limit (1 to 500) and before (an alert id) to page through alerts.',
      );
    const alerts = await ctx.storage.listSecurityAlerts(parsed.data.limit, parsed.data.before);
    return { alerts };
  });
}
