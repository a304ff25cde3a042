// The catalog's search index in a Web Worker (see catalog-search.ts): each message is applied in
// order by the same code the tests run in-process (catalog-search-protocol.ts).
import { CatalogSearchHost, type CatalogSearchRequest } from './catalog-search-protocol';

const host = new CatalogSearchHost();
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CatalogSearchRequest>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event) => {
  const reply = host.handle(event.data);
  if (reply) scope.postMessage(reply);
};
