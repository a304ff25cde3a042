// The returns desk's port over the local replica, the sync server's returnable-lines route and the
// card gateway. The server is the authority on "already returned" across stores; offline the
// replica answers for this store and the desk says that other stores could not be checked.
import { DomainError, isDomainError } from '../../../shared/errors';
import { formatMoney, money } from '../../../shared/money';
import { ApprovalKind, type Role } from '../../../shared/pricing';
import type { PaymentGateway } from '../../../shared/payments/gateway';
import {
  offlineRefundAmount,
  offlineRefundIssue,
  isReceiptlessApprover,
  withReceiptlessApprovers,
} from '../../../shared/payments/refund-limits';
import { gatewayFor } from './card-terminal';
import { loadIdentity } from './identity';
import {
  CUSTOMER_RETURNS_PATH,
  REFUND_AUTHORIZATION_PATH,
  RETURNABLE_PATH,
  buildExchangeDocuments,
  countedReturns,
  planPostVoid,
  customerLimitExceeded,
  customerLimitSince,
  planRefund,
  returnability,
  priorReturnsFor,
  soldLinesFromOrder,
  type CustomerReturnView,
  type RefundAuthorizationAnswer,
  type RefundAuthorizationRequest,
  type ReturnPolicy,
  type ReturnableView,
} from '../../../shared/returns';
import type { Order, Payment, Return } from '../../../shared/schemas';
import { parseDocument } from '../../../shared/schemas/validate';
import { SyncHttp, SyncClientError } from '../sync/sync-http';
import type {
  ExchangeRequest,
  CompleteReturnRequest,
  CompletedReturn,
  FoundSale,
  QueuedCardRefund,
  RecentSale,
  ReturnsPort,
} from '../returns/returns-port';
import { buildReturnDocuments, type ExecutedRefund, type ReturnDocuments } from './returns-documents';
import { nextSequence } from './sales';
import { formatOrderNumber } from '../../../shared/ids';
import type { BuildInput } from '../../../shared/orders/sale-documents';
import {
  findLocalOrderByNumber,
  findOrdersByCard,
  findOrdersByCustomer,
  customerReturnHistory,
  localRelated,
  localReturnable,
  recentSales,
  returnSettings,
  ReturnLookupError,
  ORDER_NUMBER_PATTERN,
} from './returns-lookup';
import { completeReturnDurably, recoverReturnJournal } from './returns-write';
import { allocateReturnNumber } from './returns-number';
import { buildReceiptlessDocuments, receiptlessTotal } from './returns-receiptless';
import { readStoredJson } from './stored-json';
import type { Db, Identity } from './types';

export const ReturnServiceError = {
  NEED_TOTAL: 'RETURN_NEED_RECEIPT_TOTAL',
  CARD_REFUND_FAILED: 'RETURN_CARD_REFUND_FAILED',
  OFFLINE_CAP: 'RETURN_OFFLINE_REFUND_CAP',
  INVALID_RETURN: 'RETURN_INVALID',
  APPROVAL_MISSING: 'RETURN_APPROVAL_MISSING',
  NO_REGISTER_CODE: 'RETURN_NO_REGISTER_CODE',
} as const;

const QUEUE_KEY = 'pos.card-refund-queue';
const EXPOSURE_KEY = 'pos.offline-refund-exposure';

interface ExposureEntry {
  paymentId: string;
  amount: number;
  at: string;
}

interface QueueEntry extends QueuedCardRefund {
  payment: Payment;
  captureId: string;
  error?: string;
}

export interface SyncView {
  online: boolean;
  waiting: number;
  lastSyncAt: string | undefined;
}

export interface ReturnsServiceDeps {
  db: () => Db;
  /** This register's enrollment; defaults to the stored one. */
  identity?: () => Identity | undefined;
  /** The register name (S001-R01) when known; the device id otherwise. */
  registerId: () => string | undefined;
  /** Store and register codes for return numbers (from the store settings). */
  codes: () => { storeCode: string; registerCode: string } | undefined;
  /** The live card gateway; defaults to this register's (not training). */
  gateway?: PaymentGateway;
  sync: () => SyncView;
  newId: () => string;
  storage?: Storage;
  now?: () => Date;
}

function startOfToday(now: Date): string {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
}

/** The server's answer for a sale it does not know (shared/protocol/errors SyncErrorCode.NOT_FOUND). */
const SERVER_NOT_FOUND = 'SYNC_NOT_FOUND';

/** Before any sync: every offline return falls in one spell. */
const NEVER_SYNCED = '1970-01-01T00:00:00.000Z';

export function createReturnsService(deps: ReturnsServiceDeps): ReturnsPort {
  const storage = deps.storage ?? localStorage;
  const now = deps.now ?? (() => new Date());
  const identity = deps.identity ?? (() => loadIdentity());
  const gateway = deps.gateway ?? gatewayFor(false);
  const registerId = (): string => deps.registerId() ?? identity()?.deviceId ?? '';
  const ident = (): Identity => {
    const i = identity();
    if (!i) throw new DomainError(ReturnLookupError.NOT_FOUND, 'This register is not enrolled yet. Enroll it first.');
    return i;
  };
  const readQueue = (): QueueEntry[] => readStoredJson<QueueEntry[]>(storage, QUEUE_KEY, []);
  const writeQueue = (q: QueueEntry[]): void => storage.setItem(QUEUE_KEY, JSON.stringify(q));
  const returnNumber = async (d: Db, storeId: string): Promise<string> => {
    const codes = deps.codes();
    if (!codes?.storeCode || !codes.registerCode)
      throw new DomainError(
        ReturnServiceError.NO_REGISTER_CODE,
        'The store settings are not loaded yet, so the return cannot be numbered. Wait for the register to finish syncing, then complete the return again.',
      );
    return allocateReturnNumber(d, storeId, codes, storage);
  };
  // The policy is read on every plan and every completion: kept until the config collection changes
  // (a sync brings a new policy), so a return does not query the config documents three times.
  let settingsCache:
    { storeId: string; value: Promise<{ policy: ReturnPolicy; offlineRefundCap: number }> } | undefined;
  let watching = false;
  const settingsOf = async (storeId: string): Promise<{ policy: ReturnPolicy; offlineRefundCap: number }> => {
    const d = await db();
    if (!watching) {
      watching = true;
      d.config.$.subscribe(() => (settingsCache = undefined));
    }
    if (settingsCache?.storeId !== storeId) {
      const value = returnSettings(d, storeId).then((s) => ({
        policy: s.policy,
        offlineRefundCap: s.offlineRefundCap,
      }));
      settingsCache = { storeId, value };
      value.catch(() => (settingsCache = undefined));
    }
    return settingsCache.value;
  };
  let recovered = false;
  const db = async (): Promise<Db> => {
    const d = deps.db();
    if (!recovered) {
      await recoverReturnJournal(d, storage);
      recovered = true;
    }
    return d;
  };

  async function fromServer(orderNumber: string, total: number): Promise<ReturnableView> {
    const i = ident();
    const http = new SyncHttp({ baseUrl: i.serverUrl, credential: i.credential, timeoutMs: 8000 });
    return http.json<ReturnableView>(
      'GET',
      `${RETURNABLE_PATH}?orderNumber=${encodeURIComponent(orderNumber)}&total=${total}`,
    );
  }

  /**
   * Online, the server authorises a cash or receipt-less refund before it is paid (its id goes on
   * the return as `refundAuthorization`). Undefined when the server cannot be reached or does not
   * know the sale yet: the refund is then taken as an offline one, within this register's offline
   * cap. A refusal (more than the sale has left, over the receipt-less cap) is thrown to the desk.
   */
  async function authorizeOnline(request: RefundAuthorizationRequest): Promise<string | undefined> {
    const i = ident();
    const http = new SyncHttp({ baseUrl: i.serverUrl, credential: i.credential, timeoutMs: 8000 });
    try {
      return (await http.json<RefundAuthorizationAnswer>('POST', REFUND_AUTHORIZATION_PATH, request)).authorizationId;
    } catch (error) {
      if (
        isDomainError(error) &&
        (error.code === SyncClientError.OFFLINE ||
          error.code === SyncClientError.BAD_RESPONSE ||
          error.code === SERVER_NOT_FOUND)
      )
        return undefined;
      throw error;
    }
  }

  /** The server's answer plus this register's returns it has not seen yet. */
  function merge(server: ReturnableView, local: readonly Return[]): ReturnableView {
    const unseen = local.filter((r) => !server.returnIds.includes(r.id));
    if (unseen.length === 0) return server;
    const counted = [
      ...server.returnIds.map((id) => ({ returnId: id, lines: [] })),
      ...priorReturnsFor(server.order.id, unseen),
    ];
    const extra = returnability(
      soldLinesFromOrder(server.order),
      counted.filter((r) => r.lines.length > 0),
    );
    return {
      ...server,
      lines: server.lines.map((l) => {
        const more = extra.get(l.lineId)?.returned ?? 0;
        return { ...l, returned: l.returned + more, returnable: Math.max(0, l.returnable - more) };
      }),
      returnIds: [...server.returnIds, ...unseen.map((r) => r.id)],
    };
  }

  /** Refuses a return over the customer's limit that no manager approved (the desk asks first). */
  async function checkCustomerLimit(
    customerId: string | undefined,
    refundTotal: number,
    currency: string,
    approvals: readonly { kind: string }[],
    actorRole: Role,
  ): Promise<void> {
    if (!customerId) return;
    const { policy } = await port.settings();
    if (!policy.customerLimit || policy.selfApprovingRoles.includes(actorRole)) return;
    if (approvals.some((a) => a.kind === ApprovalKind.RETURN_LIMIT)) return;
    const history = (await port.customerReturns(customerId)).returns;
    const over = customerLimitExceeded(policy.customerLimit, history, refundTotal, now().toISOString(), currency);
    if (over)
      throw new DomainError(ReturnServiceError.APPROVAL_MISSING, `${over} A manager must approve first.`, {
        approval: ApprovalKind.RETURN_LIMIT,
      });
  }

  const port: ReturnsPort = {
    online: () => deps.sync().online,

    async findByNumber(input, total) {
      const orderNumber = input.trim().toUpperCase();
      if (!ORDER_NUMBER_PATTERN.test(orderNumber)) {
        throw new DomainError(
          ReturnLookupError.BAD_QUERY,
          `"${input.slice(0, 40)}" is not an order number. Scan the barcode on the receipt or type the number printed under it, like S001-R01-000123-C.`,
        );
      }
      const d = await db();
      const order = await findLocalOrderByNumber(d, orderNumber);
      // One read of the sale's returns and payments serves both the server merge and the local view.
      const related = order ? await localRelated(d, order.id) : { returns: [], payments: [] };
      const local = related.returns;
      const askTotal = total ?? order?.totals?.total;
      if (deps.sync().online && askTotal !== undefined) {
        try {
          const view = await fromServer(orderNumber, askTotal);
          return { view: merge(view, local), localReturns: local, source: 'server' } satisfies FoundSale;
        } catch (error) {
          // Offline after all, or the sale has not reached the server yet: this store's copy answers.
          if (
            !order ||
            !isDomainError(error) ||
            (error.code !== SyncClientError.OFFLINE && error.code !== 'SYNC_NOT_FOUND')
          )
            throw error;
        }
      }
      if (order) return { view: localReturnable(order, local, related.payments), localReturns: local, source: 'local' };
      if (!deps.sync().online)
        throw new DomainError(
          ReturnLookupError.NOT_FOUND,
          `Sale ${orderNumber} is not on this register and the server cannot be reached. A sale from another store can be returned once the register is back online.`,
        );
      throw new DomainError(
        ReturnServiceError.NEED_TOTAL,
        `Sale ${orderNumber} is from another store or register. Type the total printed on the receipt to look it up.`,
      );
    },

    async findByCustomer(text) {
      return findOrdersByCustomer(await db(), text);
    },
    async findByCard(last4, day) {
      return findOrdersByCard(await db(), last4, day);
    },

    async recentSales(): Promise<RecentSale[]> {
      const i = ident();
      const sales = await recentSales(await db(), i.storeId, registerId(), startOfToday(now()));
      const s = deps.sync();
      // The sync layer tracks what is waiting per collection, not per document: a sale counts as
      // at HQ when nothing is waiting and the last good sync came after it was written.
      return sales.map((sale) => ({
        ...sale,
        reachedHq: s.waiting === 0 && s.lastSyncAt !== undefined && sale.createdAt <= s.lastSyncAt,
      }));
    },

    settings() {
      return settingsOf(ident().storeId);
    },

    async postVoid(request) {
      const { policy } = await port.settings();
      const plan = planPostVoid({
        view: request.found.view,
        openShiftId: request.shiftId,
        actorRole: request.actorRole,
        approverRole: policy.approverRole,
        selfApprovingRoles: policy.selfApprovingRoles,
      });
      const missing = plan.approvals.filter((a) => !request.approvals.some((g) => g.kind === a.kind));
      if (missing.length > 0)
        throw new DomainError(
          ReturnServiceError.APPROVAL_MISSING,
          `${missing.map((m) => m.reason).join(' ')} A manager must approve first.`,
        );
      // A manager voiding at their own register is the approver: the void is recorded with them.
      const approvals = request.approvals.some((a) => a.kind === ApprovalKind.VOID_SALE)
        ? request.approvals
        : [
            ...request.approvals,
            {
              kind: ApprovalKind.VOID_SALE,
              approverId: request.staffId,
              reason: `Void taken by a ${request.actorRole}.`,
              at: now().toISOString(),
            },
          ];
      return port.complete({
        ...request,
        approvals,
        lines: plan.lines.map((l) => ({
          ...l,
          reason: 'other',
          condition: 'sellable',
          disposition: 'back_to_stock',
        })),
        allocations: plan.allocations,
        postVoid: true,
      });
    },

    async customerReturns(customerId) {
      const { policy } = await port.settings();
      if (!policy.customerLimit) return { returns: [], scope: 'all-stores' };
      const since = customerLimitSince(policy.customerLimit, now().toISOString());
      // This store's replica plus this register's unsynced returns: all that is known offline.
      const local = await customerReturnHistory(await db(), ident().storeId, customerId, since);
      if (!deps.sync().online) return { returns: local, scope: 'this-store' };
      try {
        const i = ident();
        const http = new SyncHttp({ baseUrl: i.serverUrl, credential: i.credential, timeoutMs: 8000 });
        const answer = await http.json<{ returns: CustomerReturnView[] }>(
          'GET',
          `${CUSTOMER_RETURNS_PATH}?customerId=${encodeURIComponent(customerId)}&since=${encodeURIComponent(since)}`,
        );
        const seen = new Set(answer.returns.map((r) => r.returnId));
        return {
          returns: [
            ...answer.returns.map(({ returnId, at, refundTotal }) => ({ returnId, at, refundTotal })),
            ...local.filter((r) => !seen.has(r.returnId)),
          ],
          scope: 'all-stores',
        };
      } catch (error) {
        if (isDomainError(error) && error.code === SyncClientError.OFFLINE)
          return { returns: local, scope: 'this-store' };
        throw error;
      }
    },

    async offlineRefundExposure() {
      // Kept as a short local list (not a scan of every payment): cash refunds since the last
      // good sync are what the server has not seen.
      const since = deps.sync().lastSyncAt ?? '';
      const open = readStoredJson<ExposureEntry[]>(storage, EXPOSURE_KEY, []).filter((e) => e.at > since);
      storage.setItem(EXPOSURE_KEY, JSON.stringify(open));
      return open.reduce((sum, e) => sum + e.amount, 0);
    },

    async complete(request: CompleteReturnRequest): Promise<CompletedReturn> {
      const i = ident();
      const d = await db();
      const online = deps.sync().online;
      const order: Order = request.found.view.order;
      const at = now().toISOString();
      const returnId = deps.newId();
      const cash = request.allocations.filter((a) => a.method === 'cash').reduce((s, a) => s + a.amount, 0);
      // Online, cash out needs the server's authorisation; without it the refund is an offline one.
      const authorizationId =
        online && cash > 0
          ? await authorizeOnline({ returnId, originalOrderId: order.id, receiptless: false, amount: cash })
          : undefined;
      const takenOffline = !online || (cash > 0 && authorizationId === undefined);
      if (takenOffline) {
        const [{ offlineRefundCap }, exposure] = await Promise.all([port.settings(), port.offlineRefundExposure()]);
        // The same rule the server applies to the return when it arrives (shared/payments/refund-limits).
        if (
          offlineRefundIssue(exposure, cash, { offlineRefundCap, receiptlessCap: 0, receiptlessNeedsApproval: true })
        ) {
          throw new DomainError(
            ReturnServiceError.OFFLINE_CAP,
            `Offline this register may refund ${formatMoney(money(offlineRefundCap, order.currency))} in cash in total; ${formatMoney(money(exposure, order.currency))} is already out. Refund to the card or as store credit, or wait until the register is online.`,
            { cap: offlineRefundCap, exposure, cash },
          );
        }
      }
      if (!request.postVoid)
        await checkCustomerLimit(
          order.customerId,
          request.allocations.reduce((sum, a) => sum + a.amount, 0),
          order.currency,
          request.approvals,
          request.actorRole,
        );
      const exchange = request.exchange;
      const saleInput = (orderNumber: string, x: ExchangeRequest): BuildInput => ({
        cart: {
          saleId: x.saleId,
          currency: order.currency,
          startedAt: x.startedAt,
          lines: x.lines,
          orderDiscount: undefined,
          customer: order.customerId ? { id: order.customerId } : undefined,
          approvals: [],
        },
        totals: x.totals,
        tenders: x.tenders,
        clerk: { staffId: request.staffId },
        shiftId: request.shiftId,
        context: x.context,
        storeId: i.storeId,
        deviceId: i.deviceId,
        orderNumber,
        now: at,
        newId: deps.newId,
      });
      const returnInput = (refunds: ExecutedRefund[], returnNumber?: string) => ({
        returnId,
        ...(request.postVoid ? { postVoid: true } : {}),
        ...(returnNumber ? { returnNumber } : {}),
        order,
        priorReturns: request.found.localReturns,
        counted: countedReturns(request.found.view),
        lines: request.lines,
        refunds,
        approvals: request.approvals,
        storeId: i.storeId,
        registerId: registerId(),
        deviceId: i.deviceId,
        shiftId: request.shiftId,
        staffId: request.staffId,
        now: at,
        newId: deps.newId,
      });
      if (exchange) {
        // A dry run before any money moves: an exchange that does not balance is refused here.
        buildExchangeDocuments({
          ret: returnInput(
            request.allocations.map((allocation) => ({
              paymentId: deps.newId(),
              allocation,
              method: allocation.method,
              status: 'approved',
            })),
          ),
          sale: saleInput('PENDING', exchange),
        });
      }
      const number = await returnNumber(d, i.storeId);
      const executed: ExecutedRefund[] = [];
      const queued: QueueEntry[] = [];
      const tenders = request.found.view.tenders;
      for (const allocation of request.allocations) {
        const paymentId = deps.newId();
        const original = tenders.find((t) => t.paymentId === allocation.paymentId);
        if (allocation.method === 'card') {
          if (!original?.gatewayReference || !allocation.token || !allocation.last4) {
            throw new DomainError(
              ReturnServiceError.CARD_REFUND_FAILED,
              'The original card payment has no gateway reference; refund this part as store credit.',
            );
          }
          if (!online) {
            // Store-and-forward: the refund is part of the return now (its tender), and its payment
            // document is written when the gateway has taken it (forwardQueuedRefunds).
            queued.push({
              paymentId,
              amount: allocation.amount,
              last4: allocation.last4,
              queuedAt: at,
              captureId: original.gatewayReference,
              payment: undefined as unknown as Payment,
            });
            executed.push({ paymentId, allocation, method: 'card', status: 'approved' });
            continue;
          }
          const result = await gateway.refund({
            idempotencyKey: paymentId,
            captureId: original.gatewayReference,
            amount: money(allocation.amount, order.currency),
          });
          if (result.status !== 'approved')
            throw new DomainError(ReturnServiceError.CARD_REFUND_FAILED, `${result.message} Nothing was refunded yet.`);
          executed.push({
            paymentId,
            allocation,
            method: 'card',
            status: 'approved',
            gateway: { name: gateway.name, reference: result.refundId },
          });
        } else if (
          allocation.method === 'store_credit' &&
          original?.method === 'gift_card' &&
          original.token &&
          original.last4
        ) {
          executed.push({
            paymentId,
            allocation,
            method: 'gift_card',
            status: 'approved',
            giftCard: { token: original.token, last4: original.last4 },
          });
        } else if (allocation.method === 'store_credit') {
          const customerId = original?.storeCreditCustomerId ?? order.customerId;
          if (!customerId)
            throw new DomainError(
              ReturnServiceError.CARD_REFUND_FAILED,
              'Store credit needs a customer: this sale has none. Refund in cash or attach the customer to the sale first.',
            );
          executed.push({
            paymentId,
            allocation,
            method: 'store_credit',
            status: 'approved',
            storeCreditCustomerId: customerId,
          });
        } else {
          executed.push({ paymentId, allocation, method: allocation.method, status: 'approved' });
        }
      }
      let docs: ReturnDocuments;
      let exchanged: CompletedReturn['exchange'];
      if (exchange) {
        const orderNumber = formatOrderNumber({
          storeCode: exchange.storeCode,
          registerCode: exchange.registerCode,
          sequence: await nextSequence(
            { db: d, storeId: i.storeId, deviceId: i.deviceId, storage },
            exchange.storeCode,
            exchange.registerCode,
          ),
        });
        const built = buildExchangeDocuments({
          ret: returnInput(executed, number),
          sale: saleInput(orderNumber, exchange),
        });
        docs = {
          ret: built.ret,
          order: built.order,
          payments: built.payments,
          movements: built.movements,
          events: built.events,
        };
        exchanged = { orderId: built.order.id, orderNumber, order: built.order, settlement: built.settlement };
      } else {
        docs = buildReturnDocuments(returnInput(executed, number));
      }
      // Queued card refunds stay in the return's tenders; their payments wait in the queue.
      for (const q of queued) q.payment = docs.payments.find((p) => p.id === q.paymentId)!;
      docs.payments = docs.payments.filter((p) => !queued.some((q) => q.paymentId === p.id));
      // Taken offline (or online without the server's authorisation of exactly this cash amount):
      // the server counts it against this register's offline refund cap for the spell.
      if (authorizationId !== undefined && !takenOffline && offlineRefundAmount(docs.ret) === cash) {
        docs.ret.refundAuthorization = { id: authorizationId };
      } else if (takenOffline || offlineRefundAmount(docs.ret) > 0) {
        docs.ret.offline = { since: deps.sync().lastSyncAt ?? NEVER_SYNCED };
      }
      // Refuse here what the server would refuse later (refund ≠ tenders, a bad line): nothing is
      // written and the clerk sees why, instead of a return that never syncs.
      try {
        parseDocument('returns', docs.ret);
        for (const p of docs.payments) parseDocument('payments', p);
        if (docs.order) parseDocument('orders', docs.order);
      } catch (error) {
        throw new DomainError(
          ReturnServiceError.INVALID_RETURN,
          `This return cannot be saved: ${isDomainError(error) ? error.message : String(error)} Nothing was written; start the return again.`,
        );
      }
      if (queued.length > 0) writeQueue([...readQueue(), ...queued]);
      await completeReturnDurably(d, docs, storage);
      const cashOut = docs.payments
        .filter((p) => p.method === 'cash' && p.kind === 'refund')
        .reduce((sum, p) => sum + p.amount, 0);
      if (cashOut > 0)
        storage.setItem(
          EXPOSURE_KEY,
          JSON.stringify([
            ...readStoredJson<ExposureEntry[]>(storage, EXPOSURE_KEY, []),
            { paymentId: docs.payments[0]!.id, amount: cashOut, at },
          ]),
        );
      return {
        returnId,
        ret: docs.ret,
        refundTotal: docs.ret.refundTotal,
        ...(exchanged ? { exchange: exchanged } : {}),
        refunds: [
          ...docs.payments
            .filter((p) => p.kind === 'refund')
            .map((p) => ({
              method: p.method,
              amount: p.amount,
              ...(p.card ? { last4: p.card.last4 } : {}),
              queued: false,
            })),
          ...queued.map((q) => ({ method: 'card', amount: q.amount, last4: q.last4, queued: true })),
        ],
      };
    },

    async completeReceiptless(request) {
      const i = ident();
      const d = await db();
      const total = receiptlessTotal(request.lines);
      const settings = await port.settings();
      // Throws over the cap; lists the approvals the policy wants.
      const plan = planRefund({
        currency: request.currency,
        refundTotal: total,
        withReceipt: false,
        now: now().toISOString(),
        originalTenders: [],
        policy: withReceiptlessApprovers(settings.policy),
        actorRole: request.actorRole,
        customerReturns: (await port.customerReturns(request.customerId)).returns,
      });
      const missing = plan.approvals.filter((a) => !request.approvals.some((g) => g.kind === a.kind));
      if (missing.length > 0)
        throw new DomainError(
          ReturnServiceError.APPROVAL_MISSING,
          `${missing.map((m) => m.reason).join(' ')} A manager must approve first.`,
        );
      const returnId = deps.newId();
      // Online, the server authorises the refund first; unreachable, it is taken as an offline one.
      const online = deps.sync().online;
      const authorizationId =
        online && total > 0
          ? await authorizeOnline({ returnId, originalOrderId: '', receiptless: true, amount: total })
          : undefined;
      const offline = !online || (total > 0 && authorizationId === undefined);
      if (offline) {
        const exposure = await port.offlineRefundExposure();
        const limits = {
          offlineRefundCap: settings.offlineRefundCap,
          receiptlessCap: 0,
          receiptlessNeedsApproval: true,
        };
        if (
          offlineRefundIssue(
            exposure,
            offlineRefundAmount({ receiptless: true, refundTotal: total, tenders: [] }),
            limits,
          )
        ) {
          throw new DomainError(
            ReturnServiceError.OFFLINE_CAP,
            `Offline this register may refund ${formatMoney(money(settings.offlineRefundCap, request.currency))} in total; ${formatMoney(money(exposure, request.currency))} is already out. Wait until the register is online.`,
          );
        }
      }
      // A manager taking the return approves it themself; the server wants that approval on the return.
      const approvals =
        settings.policy.receiptlessNeedsApproval &&
        !request.approvals.some((a) => a.kind === ApprovalKind.RECEIPTLESS_RETURN) &&
        isReceiptlessApprover({ role: request.actorRole, active: true, allStores: true, storeIds: [] }, i.storeId)
          ? [
              ...request.approvals,
              {
                kind: ApprovalKind.RECEIPTLESS_RETURN,
                approverId: request.staffId,
                reason: 'Return without a receipt, taken by a manager.',
                at: now().toISOString(),
              },
            ]
          : request.approvals;
      const at = now().toISOString();
      const docs = buildReceiptlessDocuments({
        returnId,
        returnNumber: await returnNumber(d, i.storeId),
        currency: request.currency,
        taxMode: request.taxMode,
        customerId: request.customerId,
        lines: request.lines,
        approvals,
        storeId: i.storeId,
        registerId: registerId(),
        deviceId: i.deviceId,
        shiftId: request.shiftId,
        staffId: request.staffId,
        now: at,
        newId: deps.newId,
      });
      if (offline) docs.ret.offline = { since: deps.sync().lastSyncAt ?? NEVER_SYNCED };
      else if (authorizationId !== undefined) docs.ret.refundAuthorization = { id: authorizationId };
      try {
        parseDocument('returns', docs.ret);
        for (const p of docs.payments) parseDocument('payments', p);
      } catch (error) {
        throw new DomainError(
          ReturnServiceError.INVALID_RETURN,
          `This return cannot be saved: ${isDomainError(error) ? error.message : String(error)} Nothing was written; start the return again.`,
        );
      }
      await completeReturnDurably(d, docs, storage);
      if (offline && total > 0)
        storage.setItem(
          EXPOSURE_KEY,
          JSON.stringify([
            ...readStoredJson<ExposureEntry[]>(storage, EXPOSURE_KEY, []),
            { paymentId: docs.payments[0]!.id, amount: total, at },
          ]),
        );
      return {
        returnId: docs.ret.id,
        ret: docs.ret,
        refundTotal: total,
        refunds: docs.payments.map((p) => ({ method: p.method, amount: p.amount, queued: false })),
      };
    },

    queuedCardRefunds: () =>
      readQueue().map(({ paymentId, amount, last4, queuedAt }) => ({ paymentId, amount, last4, queuedAt })),

    async forwardQueuedRefunds() {
      if (!deps.sync().online) return 0;
      const d = await db();
      let sent = 0;
      for (const entry of readQueue()) {
        const result = await gateway
          .refund({
            idempotencyKey: entry.paymentId,
            captureId: entry.captureId,
            amount: money(entry.amount, entry.payment.currency),
          })
          .catch((e: unknown) => ({ status: 'error' as const, message: isDomainError(e) ? e.message : String(e) }));
        if (result.status !== 'approved') {
          writeQueue(readQueue().map((q) => (q.paymentId === entry.paymentId ? { ...q, error: result.message } : q)));
          continue;
        }
        const payment: Payment = {
          ...entry.payment,
          gateway: { name: gateway.name, reference: result.refundId },
          updatedAt: now().toISOString(),
        };
        const written = await d.payments.bulkInsert([payment]);
        if (written.error.some((e) => e.status !== 409)) continue;
        writeQueue(readQueue().filter((q) => q.paymentId !== entry.paymentId));
        sent++;
      }
      return sent;
    },
  };
  return port;
}
