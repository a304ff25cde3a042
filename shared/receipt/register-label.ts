// The register's name as receipts, X/Z reports and the status bar print it: HQ's name
// (S001-R01, or what HQ renamed it to), never a device id or a hash of one. A register HQ has not
// named yet says so in words a clerk can pass on to HQ.
export const UNNAMED_REGISTER = 'Register (not yet named)';

/** HQ's name for the register, trimmed, or the "not yet named" label. */
export function registerLabel(name: string | undefined): string {
  const trimmed = name?.trim() ?? '';
  return trimmed === '' ? UNNAMED_REGISTER : trimmed;
}

/** "Register S001-R01" for a header line; the unnamed label already starts with "Register". */
export function registerHeading(name: string | undefined): string {
  const label = registerLabel(name);
  return label === UNNAMED_REGISTER ? label : `Register ${label}`;
}
