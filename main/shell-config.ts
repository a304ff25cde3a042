// Where things are and which origins are trusted, decided once at start-up.
import { join } from 'node:path';
import { APP_ENTRY_URL, APP_ORIGIN } from './protocol/app-protocol';
import { normaliseOrigin, originOf } from './security/trusted-url';

export interface ShellConfig {
  rendererRoot: string;
  preloadPath: string;
  entryUrl: string;
  /** What the main window opens: the entry URL, or (from `npm start`, POS_SERVER_URL +
   * POS_ENROLLMENT_CODE) the enrollment screen pre-filled for the local demo server. */
  startUrl: string;
  /** Origins whose pages may navigate in the app and call window.pos. */
  trustedOrigins: string[];
  /** Extra https origins shell.openExternal may open (POS_EXTERNAL_ORIGINS, comma-separated). */
  externalOrigins: string[];
  updateFeedUrl: string | null;
}

export function loadShellConfig(bundleDir: string, env: NodeJS.ProcessEnv, isPackaged: boolean): ShellConfig {
  // electron-vite dev serves the renderer over HTTP; a packaged app never trusts it.
  const devUrl = !isPackaged ? env.ELECTRON_RENDERER_URL : undefined;
  const devOrigin = devUrl ? originOf(devUrl) : null;
  const entryUrl = devUrl ?? APP_ENTRY_URL;
  return {
    rendererRoot: join(bundleDir, '../renderer'),
    preloadPath: join(bundleDir, '../preload/index.cjs'),
    entryUrl,
    startUrl: enrollmentStartUrl(entryUrl, env) ?? entryUrl,
    trustedOrigins: devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN],
    externalOrigins: (env.POS_EXTERNAL_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
      .map(normaliseOrigin)
      .filter((origin) => origin.startsWith('https://')),
    updateFeedUrl: httpsFeed(env.POS_UPDATE_FEED_URL),
  };
}

/** The update feed: an https URL without credentials, or none (an http feed would let the network swap the app). */
export function httpsFeed(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' && url.username === '' && url.password === '' ? url.toString() : null;
  } catch {
    return null;
  }
}

function enrollmentStartUrl(entryUrl: string, env: NodeJS.ProcessEnv): string | null {
  const server = env.POS_SERVER_URL?.trim();
  const code = env.POS_ENROLLMENT_CODE?.trim();
  if (!server || !code) return null;
  const origin = originOf(server);
  if (!origin || !/^https?:\/\//.test(origin)) return null;
  return `${entryUrl}#/enroll?server=${encodeURIComponent(origin)}&code=${encodeURIComponent(code)}`;
}
