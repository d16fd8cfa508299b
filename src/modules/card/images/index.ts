// 帳票イメージファイリング (seed 001 (7), ⑪⑫⑬): what the card module exports of its document images — the console
// routes, the register's declaration and the retention source governance's scheduler disposes through.
import type { FastifyInstance } from 'fastify';
import type { CardImageDeps } from './deps.ts';
import { installCardImageRoutes } from './routes.ts';
import { installRetentionRoutes } from './retention-routes.ts';

export { type CardImageDeps, cardImageDeps } from './deps.ts';
export { cardImageFile, cardImagePersonalData } from './personal-data.ts';
export { cardImageRetention } from './retention.ts';
export { cardImageSweepJob } from './sweep.ts';

/** Every console route of the document images. */
export function installCardImageConsole(app: FastifyInstance, deps: CardImageDeps): void {
  installCardImageRoutes(app, deps);
  installRetentionRoutes(app, deps);
}
