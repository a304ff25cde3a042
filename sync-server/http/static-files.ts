// The built POS served in browser mode: strict headers (CSP, nosniff, no framing), no dotfiles
// (`/.env` is a 404), and no file reached through a symlink that leaves the folder.
import { realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

const STATIC_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

function insideRoot(realRoot: string, file: string): boolean {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return true; // does not exist: the static handler answers 404
  }
  return real === realRoot || real.startsWith(realRoot + sep);
}

export async function serveStaticFiles(app: FastifyInstance, root: string): Promise<void> {
  const realRoot = realpathSync(root);
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: ['index.html'],
    dotfiles: 'ignore',
    allowedPath: (pathName) => insideRoot(realRoot, join(realRoot, pathName)),
    setHeaders: (res) => {
      res.header('content-security-policy', STATIC_CSP);
      res.header('x-content-type-options', 'nosniff');
      res.header('x-frame-options', 'DENY');
      res.header('referrer-policy', 'no-referrer');
    },
  });
}
