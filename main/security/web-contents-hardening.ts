// Applied to every WebContents the app creates (windows, print jobs, anything later): no
// navigation away from the app, no new windows, no <webview>. Allowed external links open in the
// system browser instead.
import type { WebContents } from 'electron';
import type { ExternalLinks } from './external-links';

export type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export interface HardeningPolicy {
  isTrustedUrl(url: string): boolean;
  externalLinks: ExternalLinks;
  log?: (message: string) => void;
}

export function hardenWebContents(contents: HardenableContents, policy: HardeningPolicy): void {
  const log = policy.log ?? ((message: string) => console.warn(message));
  const guard = (kind: string) => (event: { preventDefault(): void }, url: string) => {
    if (!policy.isTrustedUrl(url)) {
      event.preventDefault();
      log(`[security] blocked ${kind} to ${url}`);
    }
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-frame-navigate', (event) => {
    if (!policy.isTrustedUrl(event.url)) {
      event.preventDefault();
      log(`[security] blocked frame navigation to ${event.url}`);
    }
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('[security] blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (policy.externalLinks.isAllowed(url)) {
      policy.externalLinks
        .open(url)
        .catch((error: unknown) => log(`[security] could not open ${url}: ${String(error)}`));
    } else {
      log(`[security] blocked window.open of ${url}`);
    }
    return { action: 'deny' };
  });
}
