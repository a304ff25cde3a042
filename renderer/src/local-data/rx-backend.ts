// The register's Backend over the local RxDB replica (create-database.ts) and the replication
// client (sync/). Everything a sale needs is local; the network only moves copies. It reports
// settings and sync status to subscribers and never writes a UI store.
import { looksLikeEmail } from '../../../shared/receipt/receipt-email';
import { DomainError, isDomainError } from '../../../shared/errors';
import type { ConfigDoc, Order, Payment } from '../../../shared/schemas';
import { DEFAULT_LOCKOUT_POLICY } from '../../../shared/staff';
import { createPosDatabase } from './create-database';
import type { FulfillmentScope } from './fulfillment-data';
import { startSync, type SyncController } from '../sync/start-sync';
import { SyncClientError, SyncHttp } from '../sync/sync-http';
import { CustomerSummaries } from './customer-summaries';
import type { Backend, CollectionProgress, RegisterIdentity, SyncStatusView, Unsubscribe } from '../model/backend';
import type { SaleContext } from '../model/sale-context';
import type { CardTerminal } from '../model/card-payments';
import { uuidv7 as newId } from '../../../shared/ids';
import { Catalog } from './catalog';
import { ArrivingDocuments } from '../sync/arriving-documents';
import { createCustomer, searchCustomers } from './customers';
import { enroll, loadIdentity, rememberRegisterName, saveIdentity, type NamedIdentity } from './identity';
import { buildReceipt } from './receipt-builder';
import { loadQuickKeys } from './quick-keys';
import { buildSaleContext } from './sale-context';
import { completeSaleWriting, findCompletedSale, loadSale, pendingOfflineCard, recoverJournal } from './sales';
import { checkPin, listStaff, staffName } from './staff';
import { addCashMovement, closeShift, currentShift, openShift, shiftReport, type TillScope } from './till';
import { TrainingSales } from './training-sales';
import { toSyncStatusView } from './sync-feed';
import { forwardOfflinePayments } from './offline-forwarder';
import { gatewayFor, makeCardTerminal } from './card-terminal';
import { callBridge } from '../bridge/call-bridge';
import type { BalanceSource } from '../model/balance-source';
import { localSealKeyStore, rxBalanceSource } from './rx-balance-source';
import type { Db, Identity } from './types';

export const BackendError = {
  NOT_ENROLLED: 'REGISTER_NOT_ENROLLED',
  NOT_READY: 'REGISTER_NOT_READY',
  TRAINING_RECEIPT: 'RECEIPT_TRAINING',
} as const;

const SYNC_DONE_KEY = 'pos.initial-sync-done';
const SETTINGS_ONLY = { kind: { $nin: ['gift_card', 'store_credit'] as ConfigDoc['kind'][] } };

export class RxBackend implements Backend {
  private db: Db | undefined;
  private sync: SyncController | undefined;
  private catalog: Catalog | undefined;
  private context: SaleContext | undefined;
  private readonly training = new TrainingSales();
  private stopFeed: (() => void) | undefined;
  private balanceSource: BalanceSource | undefined;
  private summaries: CustomerSummaries | undefined;
  private syncView: SyncStatusView | undefined;
  private configDocs: ConfigDoc[] | undefined;
  private readonly contextListeners = new Set<(context: SaleContext) => void>();
  private readonly syncListeners = new Set<(status: SyncStatusView) => void>();
  /** The sale this register completed last, as written, until its receipt has been built. */
  private lastWritten: { order: Order; payments: Payment[] } | undefined;
  /** The initial sync has arrived in this session (its write may still be under way). */
  private usable = false;

  private constructor(private ident: NamedIdentity | undefined) {}

  /** Opens the register: local data first (sales work at once), then replication in the background. */
  static async start(): Promise<RxBackend> {
    const backend = new RxBackend(loadIdentity());
    if (backend.ident) await backend.open(backend.ident);
    return backend;
  }

  /** Builds the catalog's code maps in the background; after a failure the next scan tries again. */
  private warmCatalog(): void {
    this.catalog?.warm().catch((error: unknown) => console.error('catalog warm-up failed', error));
  }

  private async open(identity: NamedIdentity): Promise<void> {
    const db = await createPosDatabase({ name: `pos-${identity.deviceId.toLowerCase().replace(/[^a-z0-9]/g, '')}` });
    this.db = db;
    await recoverJournal(db); // finish any sale a crash interrupted before anything else
    // Products and stock levels are read as they arrive from the server, before they are stored.
    const arriving = { products: new ArrivingDocuments(), inventory_levels: new ArrivingDocuments() };
    this.catalog = new Catalog(db, () => this.context?.priceBookId ?? '', undefined, {
      products: arriving.products,
      levels: arriving.inventory_levels,
    });
    // Build the alternate-barcode map shortly after start, not on the first unknown scan; on a
    // first run at once, so the pages index as they arrive.
    if (this.initialSyncDone()) setTimeout(() => this.warmCatalog(), 3000);
    else this.warmCatalog();
    // Balance documents (gift cards, store credit) change with every such payment in the chain and
    // are read on demand (rx-balance-source.ts): they do not rebuild the sale settings.
    db.config
      .find({ selector: SETTINGS_ONLY })
      .$.subscribe((docs) => this.refreshContext(docs.map((d) => d.toJSON() as ConfigDoc)));
    this.sync = startSync({
      db,
      serverUrl: identity.serverUrl,
      credential: identity.credential,
      arriving,
      // HQ may have renamed the register, or named one enrolled before names existed.
      onRegisterName: (name) => this.renamed(name),
    });
    const feed = this.sync.status$.subscribe((s) => {
      this.syncView = toSyncStatusView(s);
      for (const listener of this.syncListeners) listener(this.syncView);
    });
    this.stopFeed = () => feed.unsubscribe();
    this.startForwarding(db, identity);
  }

  onSaleContext(listener: (context: SaleContext) => void): Unsubscribe {
    this.contextListeners.add(listener);
    if (this.context) listener(this.context);
    return () => this.contextListeners.delete(listener);
  }

  onSyncStatus(listener: (status: SyncStatusView) => void): Unsubscribe {
    this.syncListeners.add(listener);
    if (this.syncView) listener(this.syncView);
    return () => this.syncListeners.delete(listener);
  }

  private readonly terminals = new Map<boolean, CardTerminal>();
  cardTerminal(training: boolean): CardTerminal {
    let terminal = this.terminals.get(training);
    if (!terminal) this.terminals.set(training, (terminal = makeCardTerminal(gatewayFor(training))));
    return terminal;
  }

  /** Sends offline card payments whenever the register comes back online, and every 10 s while
   * online (a run that lost a race with the first push after reconnecting is repeated soon, not
   * a minute later; a run with nothing pending is one indexed query). */
  private startForwarding(db: Db, identity: Identity): void {
    let running = false;
    const run = (): void => {
      if (running || !this.sync?.status.online) return;
      running = true;
      // A declined or unreachable payment is counted, not thrown; what is thrown is a bug or a
      // storage failure, which must not vanish (the next run tries again).
      forwardOfflinePayments(db, gatewayFor(false), identity.deviceId)
        .finally(() => {
          running = false;
        })
        .catch((error: unknown) => console.error(error));
    };
    let wasOnline = false;
    const subscription = this.sync!.status$.subscribe((s) => {
      if (s.online && !wasOnline) run();
      wasOnline = s.online;
    });
    const timer = setInterval(run, 10_000);
    const stopFeed = this.stopFeed;
    this.stopFeed = () => {
      subscription.unsubscribe();
      clearInterval(timer);
      stopFeed?.();
    };
  }

  private renamed(registerName: string): void {
    if (!this.ident || this.ident.registerName === registerName) return;
    this.ident = rememberRegisterName(registerName) ?? { ...this.ident, registerName };
    if (this.configDocs) this.refreshContext(this.configDocs);
  }

  private refreshContext(docs: ConfigDoc[]): void {
    if (!this.ident) return;
    this.configDocs = docs;
    try {
      const context = buildSaleContext(docs, this.ident.storeId, this.ident.deviceId, this.ident.registerName);
      this.context = context;
      for (const listener of this.contextListeners) listener(context);
    } catch (error) {
      // Config not replicated yet: the sell screen waits ("Loading store settings"). Anything
      // other than a refusal of the settings is a bug and must not pass for "still loading".
      if (!isDomainError(error)) throw error;
    }
  }

  private need(): { db: Db; ident: Identity; catalog: Catalog } {
    if (!this.db || !this.ident || !this.catalog)
      throw new DomainError(BackendError.NOT_ENROLLED, 'This register is not set up yet. Enroll it first.');
    return { db: this.db, ident: this.ident, catalog: this.catalog };
  }

  private needContext(): SaleContext {
    if (!this.context)
      throw new DomainError(
        BackendError.NOT_READY,
        'The store settings have not arrived yet. Wait for the sync, then try again.',
      );
    return this.context;
  }

  private tillScope(): TillScope {
    const { db, ident } = this.need();
    return {
      db,
      storeId: ident.storeId,
      deviceId: ident.deviceId,
      registerId: () => this.context?.registerId,
      currency: () => this.needContext().currency,
    };
  }

  /** The replica for the pickups feature's own port (renderer/src/pickups); not part of Backend. */
  fulfillmentScope(): FulfillmentScope | undefined {
    return this.db && this.ident
      ? { db: this.db, storeId: this.ident.storeId, deviceId: this.ident.deviceId }
      : undefined;
  }

  balances(): BalanceSource | undefined {
    if (!this.db) return undefined;
    if (!this.balanceSource) {
      const ident = this.ident;
      const http = ident
        ? new SyncHttp({ baseUrl: ident.serverUrl, credential: ident.credential, timeoutMs: 8000 })
        : undefined;
      this.balanceSource = rxBalanceSource(
        this.db,
        () => this.context?.store.code,
        () => this.sync?.status.online ?? false,
        () => http,
        localSealKeyStore(localStorage),
        () => this.tillScope(),
      );
    }
    return this.balanceSource;
  }

  /** The attached customer's summary (sale/customer-summary); not part of Backend. */
  customerSummaries(): CustomerSummaries {
    if (!this.summaries) {
      let http: { credential: string; client: SyncHttp } | undefined;
      this.summaries = new CustomerSummaries(() => {
        const ident = this.ident;
        if (!ident) return undefined;
        if (http?.credential !== ident.credential)
          http = {
            credential: ident.credential,
            client: new SyncHttp({ baseUrl: ident.serverUrl, credential: ident.credential, timeoutMs: 5000 }),
          };
        return http.client;
      }, localStorage);
    }
    return this.summaries;
  }

  identity(): RegisterIdentity | undefined {
    if (!this.ident) return undefined;
    return {
      serverUrl: this.ident.serverUrl,
      storeId: this.ident.storeId,
      storeCode: this.context?.store.code ?? '',
      registerId: this.context?.registerId ?? this.ident.deviceId,
      registerCode: this.context?.registerCode ?? '',
      currency: this.context?.currency ?? '',
    };
  }

  async enroll(serverUrl: string, code: string): Promise<RegisterIdentity> {
    const identity = await enroll(serverUrl, code);
    saveIdentity(identity);
    // The shell keeps the server address too (trusted origin for the app window).
    void callBridge((b) => b.settingsSet({ serverUrl: identity.serverUrl }));
    localStorage.removeItem(SYNC_DONE_KEY);
    this.ident = identity;
    await this.open(identity);
    return this.identity()!;
  }

  async initialSync(onProgress: (progress: CollectionProgress[]) => void): Promise<void> {
    const { db } = this.need();
    const sync = this.sync!;
    const names = Object.keys(db.collections);
    // The server's totals turn the activity bar into a percent; offline or an old server: no totals.
    let totals: Record<string, number> | undefined;
    void sync.totals().then(
      (t) => {
        totals = t.collections;
      },
      () => undefined,
    );
    let counts = names.map(() => 0);
    // Stored counts while copying; at the end everything has arrived (the write may still run,
    // and counting would wait for it), so the final report shows each total as done.
    const report = async (final: boolean): Promise<void> => {
      if (!final)
        counts = await Promise.all(
          names.map(async (name) =>
            (db.collections as Record<string, { count(): { exec(): Promise<number> } }>)[name]!.count().exec(),
          ),
        );
      // A count above its total (added on the server since it counted) raises the total.
      onProgress(
        names.map((collection, i) => {
          const total = totals ? Math.max(totals[collection] ?? 0, counts[i]!) : undefined;
          return final
            ? { collection, done: total ?? counts[i]!, total: total ?? counts[i]! }
            : { collection, done: counts[i]!, total };
        }),
      );
    };
    // A failed count only costs one progress update; log it rather than leave it unhandled.
    const timer = setInterval(
      () => report(false).catch((error: unknown) => console.error('initial sync progress', error)),
      1000,
    );
    try {
      await report(false);
      // Selling starts once everything has arrived; the catalog's write to IndexedDB continues
      // behind it, and only when it is done does the next start skip this screen.
      await sync.awaitUsable();
      performance.mark('pos:usable');
      if (!sync.status.online)
        throw new DomainError(
          SyncClientError.OFFLINE,
          sync.status.lastError?.message ?? 'The sync server could not be reached. Check the network, then try again.',
        );
      await report(true);
      if (!this.context)
        this.refreshContext(
          (await db.config.find({ selector: SETTINGS_ONLY }).exec()).map((d) => d.toJSON() as ConfigDoc),
        );
      this.needContext();
      this.usable = true;
      this.warmCatalog();
      sync.awaitInSync().then(
        () => localStorage.setItem(SYNC_DONE_KEY, '1'),
        (error: unknown) => console.error('initial sync: storing the data failed', error),
      );
    } finally {
      clearInterval(timer);
    }
  }

  initialSyncDone(): boolean {
    return this.usable || localStorage.getItem(SYNC_DONE_KEY) === '1';
  }

  async saleContext(): Promise<SaleContext> {
    return this.needContext();
  }

  findByBarcode(code: string) {
    return this.need().catalog.findByBarcode(code);
  }
  findByPlu(plu: string) {
    return this.need().catalog.findByPlu(plu);
  }
  searchProducts(text: string, limit: number) {
    return this.need().catalog.search(text, limit);
  }
  async quickKeys() {
    const { db, ident } = this.need();
    return loadQuickKeys(db, this.configDocs ?? [], ident.storeId, this.context?.priceBookId ?? '');
  }
  listStaff() {
    const { db, ident } = this.need();
    return listStaff(db, ident.storeId);
  }
  checkPin(staffId: string, pin: string) {
    return checkPin(this.need().db, staffId, pin, DEFAULT_LOCKOUT_POLICY);
  }
  searchCustomers(text: string, limit: number) {
    return searchCustomers(this.need().db, text, limit);
  }
  createCustomer(input: Parameters<Backend['createCustomer']>[0]) {
    const { db, ident } = this.need();
    return createCustomer(db, input, this.needContext().currency, ident.storeId);
  }

  async completeSale(sale: Parameters<Backend['completeSale']>[0]) {
    const { db, ident } = this.need();
    // Training sales stay in a local practice log: never replicated, never touching stock.
    if (sale.cart.training) return this.training.complete(sale, ident, newId);
    const { written, completed } = await completeSaleWriting(
      { db, storeId: ident.storeId, deviceId: ident.deviceId },
      sale,
    );
    // The receipt screen opens next: it is built from these, not read back from IndexedDB.
    this.lastWritten = written && { order: written.order, payments: written.payments };
    return completed;
  }

  async findCompletedSale(saleId: string) {
    const training = this.training.find(saleId);
    if (training) return { orderId: training.order.id, orderNumber: training.order.orderNumber };
    return this.db ? findCompletedSale(this.db, saleId) : undefined; // not enrolled: no sales yet
  }

  /** The receipt names the clerk who made the sale (its `createdBy`), never whoever is signed in now. */
  async receipt(orderId: string) {
    const context = this.needContext();
    const training = this.training.find(orderId);
    // Once only, for the receipt shown right after the sale: later (a reprint from history, after
    // a return) the stored order is the current one.
    const justWritten = this.lastWritten?.order.id === orderId ? this.lastWritten : undefined;
    this.lastWritten = undefined;
    const { order, payments } = training ?? justWritten ?? (await loadSale(this.need().db, orderId));
    const cashierName = this.db ? await staffName(this.db, order.createdBy) : undefined;
    return buildReceipt(order, payments, context, {
      ...(training ? { training: true } : {}),
      ...(cashierName ? { cashierName } : {}),
    });
  }

  async requestReceiptEmail(orderId: string, email: string, staffId: string): Promise<void> {
    const { db, ident } = this.need();
    if (!looksLikeEmail(email))
      throw new DomainError('RECEIPT_BAD_EMAIL', 'That email address does not look right. Check it and try again.');
    if (this.training.find(orderId))
      throw new DomainError(BackendError.TRAINING_RECEIPT, 'Training receipts are not emailed: print it instead (F2).');
    const now = new Date().toISOString();
    await db.order_events.insert({
      id: newId(),
      orderId,
      storeId: ident.storeId,
      actor: { kind: 'staff', staffId, deviceId: ident.deviceId },
      type: 'receipt_email_requested',
      payload: { email },
      createdAt: now,
      updatedAt: now,
    });
  }

  async receiptEmailSuggestion(orderId: string): Promise<string | undefined> {
    if (!this.db || this.training.find(orderId)) return undefined; // training receipts are not e-mailed
    const order = (await this.db.orders.findOne(orderId).exec())?.toJSON();
    if (!order) return undefined;
    if (order.customerEmail) return order.customerEmail;
    if (!order.customerId) return undefined;
    return (await this.db.customers.findOne(order.customerId).exec())?.toJSON().email;
  }

  pendingOfflineCard() {
    const { db, ident } = this.need();
    return pendingOfflineCard(db, ident.storeId);
  }
  currentShift() {
    return currentShift(this.tillScope());
  }
  openShift(openingFloat: number, staffId: string) {
    return openShift(this.tillScope(), openingFloat, staffId);
  }
  addCashMovement(shiftId: string, movement: Parameters<Backend['addCashMovement']>[1]) {
    return addCashMovement(this.tillScope(), shiftId, movement);
  }
  closeShift(shiftId: string, counts: Parameters<Backend['closeShift']>[1], staffId: string) {
    return closeShift(this.tillScope(), shiftId, counts, staffId);
  }
  shiftReport(shiftId: string) {
    return shiftReport(this.tillScope(), shiftId);
  }

  async stop(): Promise<void> {
    this.stopFeed?.();
    this.catalog?.stop();
    await this.sync?.stop();
    await this.db?.close();
  }
}
