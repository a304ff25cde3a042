// The person signed in at the register, as every feature sees them. Roles are shared/pricing's one
// Role type (the same the server and the approval rules use).
import { Role } from '../../../shared/pricing';

export interface Clerk {
  staffId: string;
  name: string;
  role: Role;
}

/** Managers, supervisors and admins approve overrides and switch training mode. */
export function isManager(role: Role): boolean {
  return role === Role.MANAGER || role === Role.ADMIN || role === Role.SUPERVISOR;
}
