// A built app on a fresh database, for inject() tests; logs are captured so tests can inspect them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { GuardedRoute } from '../../src/platform/access/guard.ts';
import { type Config, loadConfig, type Role, roles as allRoles } from '../../src/platform/config.ts';
import type { Backend, Db } from '../../src/platform/db/index.ts';
import { loadMasterKey, newSecretKey } from '../../src/platform/crypto/index.ts';
import { buildApp } from '../../src/shell/app.ts';
import { loadDemoMunicipality } from '../../src/shell/demo.ts';
import { freshDb } from './db.ts';
import { captureLog } from './log-capture.ts';

export interface TestApp {
  app: FastifyInstance;
  /** Every route with the access it declares. */
  routes: GuardedRoute[];
  db: Db;
  /** The server's configuration, with the master key its encrypted data and blind indexes use. */
  config: Config;
  /** Everything the server logged, as text. */
  logs(): string;
  close(): Promise<void>;
}

/** A server for the roles on a fresh database with the demo city; add routes before the first inject. */
export async function testApp(backend: Backend, roles: readonly Role[] = allRoles): Promise<TestApp> {
  const db = await freshDb(backend);
  // A master key and a file store of its own, so no test writes into ./data.
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-test-files-'));
  const config = { ...loadConfig({}, {}), logLevel: 'info' as const, masterKey: newSecretKey(), filesDir };
  await loadDemoMunicipality(db, { master: loadMasterKey(config) });
  let logText = '';
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logText += chunk.toString();
      captureLog(chunk.toString());
      done();
    },
  });
  const { app, routes } = await buildApp({ config, db, roles, logStream });
  return {
    app,
    routes,
    db,
    config,
    logs: () => logText,
    async close() {
      await app.close();
      await db.close();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
