// Operations API: stores, staff, devices (enrollment code + QR, revoke) and policies.
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { HQ_API, type HqDeps } from '../deps';
import { field } from '../input';
import { deviceHealth } from '../dashboard/health';
import { listStores, saveStore } from './stores';
import { listStaff, saveStaff, resetPin } from './staff';
import { listPolicies, savePolicy } from './policies';

export function registerOperationsRoutes(app: FastifyInstance, deps: HqDeps): void {
  const { ctx } = deps;

  app.get(`${HQ_API}/stores`, async (request) => {
    await deps.guard.caller(request);
    return { stores: await listStores(ctx) };
  });
  app.post(`${HQ_API}/stores`, async (request, reply) => {
    await deps.guard.caller(request, 'operations');
    return reply.status(201).send({ store: await saveStore(ctx, request.body) });
  });

  app.get(`${HQ_API}/staff`, async (request) => {
    await deps.guard.caller(request);
    return { staff: await listStaff(ctx) };
  });
  app.post(`${HQ_API}/staff`, async (request, reply) => {
    await deps.guard.caller(request, 'operations');
    return reply.status(201).send({ staff: await saveStaff(ctx, request.body) });
  });
  app.post<{ Params: { id: string } }>(`${HQ_API}/staff/:id/pin`, async (request) => {
    await deps.guard.caller(request, 'operations');
    return { staff: await resetPin(ctx, request.params.id, field(request.body, 'pin')) };
  });

  app.get(`${HQ_API}/policies`, async (request) => {
    await deps.guard.caller(request);
    return { policies: await listPolicies(ctx) };
  });
  app.post(`${HQ_API}/policies`, async (request) => {
    await deps.guard.caller(request, 'admin');
    return { policy: await savePolicy(ctx, request.body) };
  });

  app.get(`${HQ_API}/devices`, async (request) => {
    await deps.guard.caller(request);
    await Promise.all([deps.facts.stores.refresh(), deps.seen.flush()]);
    return { devices: await deviceHealth(ctx.storage, deps.sql, deps.facts.stores) };
  });
  app.post(`${HQ_API}/devices/enrollment-codes`, async (request, reply) => {
    const caller = await deps.guard.caller(request, 'operations');
    const code = await ctx.auth.createEnrollmentCode(field(request.body, 'storeId'), field(request.body, 'ttlMinutes'));
    request.log.info({ storeId: code.storeId, by: caller.email }, 'enrollment code created');
    const qrSvg = await QRCode.toString(code.code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return reply.status(201).send({ ...code, qrSvg });
  });
  app.post<{ Params: { id: string } }>(`${HQ_API}/devices/:id/revoke`, async (request) => {
    const caller = await deps.guard.caller(request, 'operations');
    // Checked on every request (no credential cache), so the register is refused from its next call.
    await ctx.auth.revoke(request.params.id);
    request.log.info({ deviceId: request.params.id, by: caller.email }, 'device revoked');
    return { revoked: true };
  });
}
