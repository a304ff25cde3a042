// `node --import tsx --import ./test/support/main/use-fake-electron.ts out/main/index.js` runs the
// built main bundle with `electron` resolved to fake-electron.ts (the binary cannot be installed
// here). The fake's path is resolved through the next hook (tsx) so that tsx compiles it.
import { register } from 'node:module';

const fakeUrl = new URL('./fake-electron.ts', import.meta.url).href;
const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return next(${JSON.stringify(fakeUrl)}, context);
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
