// Routes of the HQ console. Hash history, like the register: the server serves one static page.
// Navigation uses plain #/ links so this router's types never meet the register's registered one.
import { createHashHistory, createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { Shell } from './shell/Shell';
import { DashboardPage } from './dashboard/DashboardPage';
import { DevicesPage } from './devices/DevicesPage';
import { StoresPage } from './stores/StoresPage';
import { StaffPage } from './staff/StaffPage';
import { PoliciesPage } from './policies/PoliciesPage';
import { ImportPage } from './import/ImportPage';
import { JournalPage } from './journal/JournalPage';
import { WebhooksPage } from './webhooks/WebhooksPage';
import { OrdersPage } from './orders/OrdersPage';
import { OrderPage } from './orders/OrderPage';
import { ExceptionsPage } from './exceptions/ExceptionsPage';
import { CustomersPage } from './customers/CustomersPage';
import { CustomerPage } from './customers/CustomerPage';
import { InventoryPage } from './inventory/InventoryPage';
import { PriceBooksPage } from './pricing/PriceBooksPage';
import { PromotionsPage } from './pricing/PromotionsPage';

const rootRoute = createRootRoute({ component: Shell });
const orderRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/orders/$orderId',
  component: function OrderRoute() {
    const { orderId } = orderRoute.useParams();
    return <OrderPage key={orderId} orderId={orderId} />;
  },
});
const customerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/customers/$customerId',
  component: function CustomerRoute() {
    const { customerId } = customerRoute.useParams();
    return <CustomerPage key={customerId} customerId={customerId} />;
  },
});
const pages = [
  createRoute({ getParentRoute: () => rootRoute, path: '/', component: DashboardPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/devices', component: DevicesPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/stores', component: StoresPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/staff', component: StaffPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/policies', component: PoliciesPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/import', component: ImportPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/journal', component: JournalPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/webhooks', component: WebhooksPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/orders', component: OrdersPage }),
  orderRoute,
  createRoute({ getParentRoute: () => rootRoute, path: '/exceptions', component: ExceptionsPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/customers', component: CustomersPage }),
  customerRoute,
  createRoute({ getParentRoute: () => rootRoute, path: '/inventory', component: InventoryPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/price-books', component: PriceBooksPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/promotions', component: PromotionsPage }),
];

export function makeHqRouter() {
  return createRouter({ routeTree: rootRoute.addChildren(pages), history: createHashHistory() });
}
