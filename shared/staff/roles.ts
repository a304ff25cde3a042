// Staff roles in order of authority; approvals ask for "at least manager", not for a list.
import type { StaffRole } from '../schemas/staff';

const ROLE_RANK: { readonly [R in StaffRole]: number } = { clerk: 0, supervisor: 1, manager: 2, admin: 3 };

export function hasRoleAtLeast(role: StaffRole, needed: StaffRole): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}
