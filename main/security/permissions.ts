// Permission requests are denied unless listed here, and only for the app's own origin: a POS
// needs no camera, microphone, geolocation, notifications or USB access through the web page.
import type { Session } from 'electron';

/** Copying an order number to the clipboard is the one web permission the register uses. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export type PermissionSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  isTrustedUrl: (url: string) => boolean,
): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isTrustedUrl(requestingUrl);
}

export function installPermissionPolicy(session: PermissionSession, isTrustedUrl: (url: string) => boolean): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl || contents.getURL(), isTrustedUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, isTrustedUrl),
  );
  session.setDevicePermissionHandler(() => false);
}
