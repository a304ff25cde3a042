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

const rootRoute = createRootRoute({ component: Shell });
const pages = [
  createRoute({ getParentRoute: () => rootRoute, path: '/', component: DashboardPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/devices', component: DevicesPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/stores', component: StoresPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/staff', component: StaffPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/policies', component: PoliciesPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/import', component: ImportPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/journal', component: JournalPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/webhooks', component: WebhooksPage }),
];

export function makeHqRouter() {
  return createRouter({ routeTree: rootRoute.addChildren(pages), history: createHashHistory() });
}
