// The server child of a benchmark: one role as `madoguchi serve --role …` builds it, logs dropped, on a free port it
// prints as `PORT n`, until its stdin closes.
import { Writable } from 'node:stream';
import { loadConfig, type Role } from '../src/platform/config.ts';
import { openDb } from '../src/platform/db/index.ts';
import { buildApp } from '../src/shell/app.ts';

export async function serveRole(role: Role): Promise<void> {
  const config = { ...loadConfig({}, process.env), logLevel: 'info' as const };
  const db = await openDb(config, `bench ${role} server`);
  const { app } = await buildApp({ config, db, roles: [role], logStream: new Writable({ write: (_c, _e, done) => done() }) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
  process.stdin.resume();
  await new Promise((r) => process.stdin.on('end', r));
  await app.close();
  await db.close();
}
