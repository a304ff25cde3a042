// Routes of the register. Hash history: the app is loaded from a custom protocol in Electron and
// from the sync server's static files, so paths must never hit the server.
import {
  createHashHistory,
  createRootRouteWithContext,
  createRoute,
  createRouter,
  redirect,
} from '@tanstack/react-router';
import type { Backend } from './model/backend';
import { Layout } from './shell/Layout';
import { gateRedirect } from './shell/gate';
import { useSession } from './session/session-store';
import { EnrollScreen } from './setup/EnrollScreen';
import { SetupScreen } from './setup/SetupScreen';
import { SignInScreen } from './sign-in/SignInScreen';
import { TillScreen } from './till/TillScreen';
import { SellScreen } from './sale/sell/SellScreen';
import { PayScreen } from './sale/pay/PayScreen';
import { ReceiptScreen } from './sale/receipt/ReceiptScreen';
import { SyncPanel } from './sync/SyncPanel';
import { CustomerDisplay } from './customer-display/CustomerDisplay';
import { StockScreen } from './stock/StockScreen';
import { ReceivingScreen } from './stock/ReceivingScreen';
import { TransfersScreen } from './stock/TransfersScreen';
import { CountScreen } from './stock/CountScreen';
import { AdjustScreen } from './stock/AdjustScreen';
import { PickupsHub } from './pickups/PickupsHub';
import { OrderScreen as PickupOrderScreen } from './pickups/OrderScreen';
import { BatchPickScreen } from './pickups/BatchPickScreen';
import { ReturnsDesk } from './returns/ReturnsDesk';
import { SalesHistoryScreen } from './history/SalesHistoryScreen';

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' ? String(value) : undefined;
}

export interface RouterContext {
  backend: Backend;
}

/**
 * The gate (shell/gate.ts) runs before every route loads: a register that is not enrolled, not
 * synced, locked or without an open till is sent to the step it needs. The shell calls
 * router.invalidate() when the session changes without a navigation (lock, till closed).
 */
const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Layout,
  beforeLoad: ({ location, context }) => {
    const { clerk, till } = useSession.getState();
    const enrolled = context.backend.identity() !== undefined;
    const to = gateRedirect({
      path: location.pathname,
      enrolled,
      initialSyncDone: enrolled && context.backend.initialSyncDone(),
      signedIn: clerk !== undefined,
      tillOpen: till?.status === 'open',
    });
    if (to) throw redirect({ to, replace: true });
  },
});
const indexRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: () => null });
const enrollRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/enroll',
  validateSearch: (search: Record<string, unknown>): { code?: string; server?: string } => {
    const code = optionalString(search.code);
    const server = optionalString(search.server);
    return { ...(code ? { code } : {}), ...(server ? { server } : {}) };
  },
  component: EnrollScreen,
});
const setupRoute = createRoute({ getParentRoute: () => rootRoute, path: '/setup', component: SetupScreen });
const signInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-in', component: SignInScreen });
const tillRoute = createRoute({ getParentRoute: () => rootRoute, path: '/till', component: TillScreen });
const sellRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sell', component: SellScreen });
const payRoute = createRoute({ getParentRoute: () => rootRoute, path: '/pay', component: PayScreen });
const receiptRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/receipt/$orderId',
  // from=history: a receipt opened again later ("Receipt", reprint), not the sale just completed.
  validateSearch: (search: Record<string, unknown>): { from?: 'history' } =>
    search.from === 'history' ? { from: 'history' } : {},
  component: ReceiptScreen,
});
const syncRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sync', component: SyncPanel });
const historyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/history',
  // number=…: a receipt scanned on the sell screen; the history opens that sale.
  validateSearch: (search: Record<string, unknown>): { number?: string } => {
    const number = optionalString(search.number);
    return number ? { number } : {};
  },
  component: SalesHistoryScreen,
});
const returnsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/returns', component: ReturnsDesk });
const customerDisplayRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/customer-display',
  component: CustomerDisplay,
});
const stockRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/stock',
  validateSearch: (search: Record<string, unknown>): { sku?: string } => {
    const sku = optionalString(search.sku);
    return sku ? { sku } : {};
  },
  component: StockScreen,
});
const receivingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/stock/receiving',
  component: ReceivingScreen,
});
const transfersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/stock/transfers',
  component: TransfersScreen,
});
const countRoute = createRoute({ getParentRoute: () => rootRoute, path: '/stock/count', component: CountScreen });
const adjustRoute = createRoute({ getParentRoute: () => rootRoute, path: '/stock/adjust', component: AdjustScreen });

// Pickups (renderer/src/pickups): hub, batch pick, one order.
const pickupsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/pickups', component: PickupsHub });
const pickupsBatchRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pickups/batch',
  component: BatchPickScreen,
});
const pickupOrderRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pickups/$id',
  component: PickupOrderScreen,
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  enrollRoute,
  setupRoute,
  signInRoute,
  tillRoute,
  sellRoute,
  payRoute,
  receiptRoute,
  syncRoute,
  customerDisplayRoute,
  stockRoute,
  receivingRoute,
  transfersRoute,
  countRoute,
  adjustRoute,
  pickupsRoute,
  pickupsBatchRoute,
  pickupOrderRoute,
  returnsRoute,
  historyRoute,
]);

export function makeRouter(backend: Backend) {
  return createRouter({ routeTree, history: createHashHistory(), context: { backend } });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
