// Staff roles, the one definition: in order of authority, so approvals ask for "at least
// manager", not for a list. The staff schema, the approval rules and the register use these.
export const StaffRole = { CLERK: 'clerk', SUPERVISOR: 'supervisor', MANAGER: 'manager', ADMIN: 'admin' } as const;
export type StaffRole = (typeof StaffRole)[keyof typeof StaffRole];

/** Every role, lowest authority first. */
export const STAFF_ROLES = [StaffRole.CLERK, StaffRole.SUPERVISOR, StaffRole.MANAGER, StaffRole.ADMIN] as const;

export function hasRoleAtLeast(role: StaffRole, needed: StaffRole): boolean {
  return STAFF_ROLES.indexOf(role) >= STAFF_ROLES.indexOf(needed);
}
