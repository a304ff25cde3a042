// Loaded with `node --import` into the Electronegativity CLI: its only network use is fetching
// updated translations (and Electron's release list, a check we skip). Offline, `got` retries for
// ~7 s before giving up; answering "offline" at once keeps the security check fast and deterministic.
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';

const localRequire = createRequire(import.meta.url);
const cliDir = dirname(localRequire.resolve('@doyensec/electronegativity/package.json'));
const gotPath = localRequire.resolve('got', { paths: [cliDir] });
const offline = () => Promise.reject(new Error('offline: network disabled for the security check'));
const stub = new Module(gotPath);
stub.filename = gotPath;
stub.loaded = true;
stub.exports = Object.assign(offline, { default: offline, get: offline });
localRequire.cache[gotPath] = stub;
