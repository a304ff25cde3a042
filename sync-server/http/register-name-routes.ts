// HQ renames a register (the name receipts and reports print): POST /api/hq/devices/:id/name
// with {"registerName": "S001-R03"}; HQ admin token only, like the other device routes.
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../shared/errors';
import { SyncError } from '../errors';
import { authenticate } from './auth-routes';
import type { ServerContext } from './context';

const REGISTER_NAME_ROUTE = '/api/hq/devices/:id/name';

export function registerRegisterNameRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Params: { id: string } }>(REGISTER_NAME_ROUTE, async (request) => {
    const principal = await authenticate(ctx, request);
    if (principal.kind !== 'hq')
      throw new DomainError(SyncError.FORBIDDEN, 'Only head office (the HQ admin token) may rename a register.');
    const body = request.body;
    const name =
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? (body as Record<string, unknown>).registerName
        : undefined;
    const registerName = await ctx.auth.renameRegister(request.params.id, name);
    request.log.info({ deviceId: request.params.id, registerName }, 'register renamed');
    return { deviceId: request.params.id, registerName };
  });
}
