// madoguchi keys rotate [--master]: a new data key with every encrypted value re-encrypted, or the data keys re-wrapped under a new master key.
import fs from 'node:fs';
import type { Command } from '../../main.ts';
import type { Output } from '../output.ts';
import { type Config, loadConfig } from '../../platform/config.ts';
import {
  createKeyFile,
  fieldCipher,
  keyRefreshMs,
  loadMasterKey,
  type MasterKey,
  masterKeyFrom,
  masterKeyPath,
  municipalitiesWithKeys,
  newSecretKey,
  readKeyFile,
  registeredEncryptedColumns,
  rewrapDataKeys,
  rotateFieldKey,
} from '../../platform/crypto/index.ts';
import { type Db, openDb } from '../../platform/db/index.ts';
import { encryptedFiles, reencryptFiles, registeredFileKinds } from '../../platform/files/index.ts';
import { pendingMigrations } from '../../platform/db/migrate.ts';
import { AppError } from '../../platform/errors.ts';
import { parseMunicipalityCode } from '../../platform/tenancy.ts';
import { UsageError } from '../usage.ts';

// Modules that encrypt a column or keep files declare them (registerEncryptedColumn, registerFileKind); each is loaded
// here so that rotation re-encrypts every one. One left out keeps its values under the retired key, still readable.
const declaringModules: Array<() => Promise<unknown>> = [
  () => import('../../platform/auth/totp-secret.ts'),
  () => import('../../modules/applications/attachments/store.ts'),
  () => import('../../modules/benefits/accounts/store.ts'),
  () => import('../../modules/benefits/payments/store.ts'),
];

function batchSize(value: string | boolean | undefined): number {
  if (value === undefined) return 1000;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1 || n > 100_000) throw new UsageError(`--batch には 1〜100000 の整数を指定してください: ${String(value)}`, `--batch must be an integer from 1 to 100000: ${String(value)}`);
  return n;
}

async function withDb<T>(config: Config, command: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb(config, command);
  try {
    const pending = await pendingMigrations(db);
    if (pending.length) throw new AppError('migrations_pending', { names: pending.join(', ') });
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** A new field key per municipality; every registered encrypted column re-encrypted in batches while the service keeps running. */
async function rotateDataKeys(config: Config, flags: Record<string, string | boolean | undefined>, output: Output): Promise<number> {
  const size = batchSize(flags.batch);
  const only = typeof flags.municipality === 'string' ? parseMunicipalityCode(flags.municipality) : undefined;
  for (const load of declaringModules) await load();
  const columns = registeredEncryptedColumns();
  const fileKinds = registeredFileKinds();
  const files = encryptedFiles(config.filesDir);
  const master = loadMasterKey(config);
  return withDb(config, 'madoguchi keys rotate', async (db) => {
    const withKeys = await municipalitiesWithKeys(db.kysely);
    const codes = only ? withKeys.filter((c) => c === only) : withKeys;
    if (!codes.length) {
      output.out('ローテーションする鍵はまだありません / no data keys yet, nothing to rotate');
      return 0;
    }
    // On PostgreSQL other servers may be running: they learn the new key within keyRefreshMs, so values change only after that.
    const settleMs = db.backend === 'postgres' ? 2 * keyRefreshMs : 0;
    for (const code of codes) {
      if (settleMs) output.out(`${code}: 稼働中のサーバーが新しい鍵を読み込むまで ${settleMs / 1000} 秒待ちます / waiting ${settleMs / 1000} s for running servers to load the new key`);
      const result = await rotateFieldKey(db, master, code, {
        columns,
        batchSize: size,
        settleMs,
        onBatch: (b) => output.out(`  ${b.table}.${b.column}: ${b.done.toLocaleString('en')}`),
      });
      // The files after the columns, under the cipher that now seals with the new key.
      const cipher = await fieldCipher(db, master, code);
      let reencryptedFiles = 0;
      for (const kind of fileKinds) {
        reencryptedFiles += await reencryptFiles(files, cipher, kind, (done) => {
          if (done % 1000 === 0) output.out(`  ${kind} (files): ${done.toLocaleString('en')}`);
        });
      }
      output.out(
        `${code}: 新しい鍵 / new key ${result.newKeyId}, 廃止 / retired ${result.retiredKeyId ?? '-'}, ` +
          `再暗号化 / re-encrypted ${result.reencrypted.toLocaleString('en')} values in ${columns.length} columns and ${reencryptedFiles.toLocaleString('en')} files`,
      );
    }
    return 0;
  });
}

/** Every data key re-wrapped under a new master key: MADOGUCHI_NEW_MASTER_KEY, or a new key file replacing keys/master.key. */
async function rotateMasterKey(config: Config, output: Output): Promise<number> {
  if (config.masterKey && !config.newMasterKey) {
    throw new UsageError(
      '新しいマスター鍵を MADOGUCHI_NEW_MASTER_KEY に設定してください（例: openssl rand -base64 32）',
      'Set MADOGUCHI_NEW_MASTER_KEY to the new master key (e.g. openssl rand -base64 32)',
    );
  }
  const current = loadMasterKey(config);
  const file = masterKeyPath(config.dataDir);
  let next: MasterKey;
  if (config.newMasterKey) {
    next = masterKeyFrom(config.newMasterKey, 'MADOGUCHI_NEW_MASTER_KEY');
  } else {
    // Written beside the old file first: a run interrupted before the swap below finds it and finishes with it.
    createKeyFile(`${file}.new`, newSecretKey());
    next = masterKeyFrom(readKeyFile(`${file}.new`), file);
  }
  if (next.id === current.id) throw new UsageError('新しいマスター鍵が現在の鍵と同じです', 'The new master key is the current one');
  return withDb(config, 'madoguchi keys rotate --master', async (db) => {
    const { rewrapped, alreadyDone } = await rewrapDataKeys(db, current, next);
    output.out(`データ鍵 ${rewrapped + alreadyDone} 件をマスター鍵 ${next.id} で保護しました / data keys re-wrapped under master key ${next.id}: ${rewrapped + alreadyDone}`);
    const retiredFile = `${file}.retired-${current.id}`;
    if (current.source === file) fs.renameSync(file, retiredFile);
    if (next.source === file) {
      fs.renameSync(`${file}.new`, file);
    } else {
      output.out('MADOGUCHI_MASTER_KEY を新しい鍵に替え、MADOGUCHI_NEW_MASTER_KEY を削除してから再起動してください / now set MADOGUCHI_MASTER_KEY to the new key, remove MADOGUCHI_NEW_MASTER_KEY and restart');
    }
    if (current.source === file) {
      output.out(`旧マスター鍵は ${retiredFile} に残しました（古いバックアップの復元用）。不要なら安全な場所へ移すか削除してください / the old master key is kept as ${retiredFile} for restoring older backups; move it offline or delete it`);
    }
    return 0;
  });
}

const rotate: Command = {
  options: { master: { type: 'boolean' }, municipality: { type: 'string' }, batch: { type: 'string' } },
  run(flags, output) {
    const config = loadConfig({ data: flags.data as string | undefined });
    if (flags.master) {
      if (flags.municipality !== undefined || flags.batch !== undefined) {
        throw new UsageError('--master は --municipality・--batch と併用できません', '--master cannot be combined with --municipality or --batch');
      }
      return rotateMasterKey(config, output);
    }
    return rotateDataKeys(config, flags, output);
  },
};

/** `madoguchi keys <subcommand>`: key management. */
export const keysCommand: Command = {
  options: {},
  subcommands: { rotate },
  run() {
    throw new UsageError('keys のサブコマンドを指定してください（rotate）', 'keys needs a subcommand (rotate)');
  },
};
