// Where the register must be before a clerk can do anything else: enrolled, catalog loaded,
// someone signed in, till open. Pure so the order of these steps is tested.
export interface GateInput {
  path: string;
  enrolled: boolean;
  initialSyncDone: boolean;
  signedIn: boolean;
  tillOpen: boolean;
}

const FREE_PATHS = ['/customer-display'];
const WITHOUT_TILL = ['/till', '/sync', '/sign-in', '/stock', '/stock/receiving', '/stock/transfers'];

/** Returns the path to go to, or undefined when the current one is allowed. */
export function gateRedirect(input: GateInput): string | undefined {
  const { path } = input;
  if (FREE_PATHS.includes(path)) return undefined;
  if (!input.enrolled) return path === '/enroll' ? undefined : '/enroll';
  if (!input.initialSyncDone) return path === '/setup' ? undefined : '/setup';
  if (!input.signedIn) return path === '/sign-in' ? undefined : '/sign-in';
  if (path === '/enroll' || path === '/setup' || path === '/sign-in' || path === '/')
    return input.tillOpen ? '/sell' : '/till';
  if (!input.tillOpen && !WITHOUT_TILL.includes(path)) return '/till';
  return undefined;
}
