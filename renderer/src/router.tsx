// Routes of the register. Hash history: the app is loaded from a custom protocol in Electron and
// from the sync server's static files, so paths must never hit the server.
import { createHashHistory, createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { Layout } from './layout/Layout';
import { EnrollScreen } from './screens/EnrollScreen';
import { SetupScreen } from './screens/SetupScreen';
import { SignInScreen } from './screens/SignInScreen';
import { TillScreen } from './screens/till/TillScreen';
import { SellScreen } from './screens/sell/SellScreen';
import { PayScreen } from './screens/pay/PayScreen';
import { ReceiptScreen } from './screens/receipt/ReceiptScreen';
import { SyncPanel } from './screens/SyncPanel';
import { CustomerDisplay } from './screens/CustomerDisplay';
import { ReturnsDesk } from './returns/ReturnsDesk';

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' ? String(value) : undefined;
}

const rootRoute = createRootRoute({ component: Layout });
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
const receiptRoute = createRoute({ getParentRoute: () => rootRoute, path: '/receipt/$orderId', component: ReceiptScreen });
const syncRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sync', component: SyncPanel });
const returnsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/returns', component: ReturnsDesk });
const customerDisplayRoute = createRoute({ getParentRoute: () => rootRoute, path: '/customer-display', component: CustomerDisplay });

const routeTree = rootRoute.addChildren([
  indexRoute, enrollRoute, setupRoute, signInRoute, tillRoute, sellRoute, payRoute, receiptRoute, syncRoute, customerDisplayRoute, returnsRoute,
]);

export function makeRouter() {
  return createRouter({ routeTree, history: createHashHistory() });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
