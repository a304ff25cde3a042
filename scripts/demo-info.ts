// What `npm start` tells the person at the keyboard about the demo chain.
import { DEMO_STAFF, DEMO_STORES } from '../sync-server/seed/demo-chain';

export const DEMO_STORE_CODE: string = DEMO_STORES[0].code;

export function demoStaffSummary(): string {
  const staff = DEMO_STAFF.map((s) => `${s.displayName} (${s.role}) PIN ${s.pin}`).join(', ');
  return `Demo staff: ${staff}.`;
}
