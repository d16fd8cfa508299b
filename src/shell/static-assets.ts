// Every stylesheet, script and font is served from this server under /public/ — LGWAN PCs reach no CDN.
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const root = path.resolve(import.meta.dirname, '../..');

/** The folders served under /public/: our own assets and the vendored npm assets. */
export const assetFolders = [
  { prefix: '/public/vendor/design-tokens/', dir: path.join(root, 'node_modules/@digital-go-jp/design-tokens/dist') },
  { prefix: '/public/vendor/biz-udpgothic/', dir: path.join(root, 'node_modules/@fontsource/biz-udpgothic') },
  { prefix: '/public/', dir: path.join(root, 'public') },
];

/** Registers the static folders, with a day of caching (assets carry no personal data). */
export async function installStaticAssets(app: FastifyInstance): Promise<void> {
  let first = true;
  for (const { prefix, dir } of assetFolders) {
    await app.register(fastifyStatic, {
      root: dir,
      prefix,
      decorateReply: first,
      index: false,
      list: false,
      maxAge: '1d',
      schemaHide: true,
    });
    first = false;
  }
}
