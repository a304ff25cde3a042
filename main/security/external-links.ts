// shell.openExternal only for https pages on an allow-list of origins: a link in injected content
// must not become a way to launch file://, smb:// or custom-protocol handlers on the register.
import { DomainError } from '../../shared/errors';
import { ShellError } from '../../shared/ipc/ipc-errors';
import { isTrustedUrl, originOf } from './trusted-url';

export interface ExternalLinks {
  isAllowed(url: string): boolean;
  open(url: string): Promise<void>;
}

export function createExternalLinks(
  allowedOrigins: () => readonly string[],
  openExternal: (url: string) => Promise<void>,
): ExternalLinks {
  const isAllowed = (url: string): boolean => url.startsWith('https://') && isTrustedUrl(url, allowedOrigins());
  return {
    isAllowed,
    async open(url) {
      if (!isAllowed(url)) {
        throw new DomainError(
          ShellError.URL_NOT_ALLOWED,
          `The register does not open ${originOf(url) ?? 'this address'} outside the app. Ask your administrator to add it to the allowed sites if it is needed.`,
          { url },
        );
      }
      await openExternal(url);
    },
  };
}
