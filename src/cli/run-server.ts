// Shared by start and serve: open the database, build the app for the roles, listen, and shut down cleanly on a signal.
import type { Config, Role } from '../platform/config.ts';
import { loadMasterKey } from '../platform/crypto/index.ts';
import { openDb } from '../platform/db/index.ts';
import { migrate, pendingMigrations } from '../platform/db/migrate.ts';
import { AppError } from '../platform/errors.ts';
import { housekeepingJobs, startHousekeeping } from '../platform/jobs/housekeeping.ts';
import { cardOfferExpiryJob, cardReminderJob, noShowJob } from '../modules/card/index.ts';
import { cardImageSweepJob } from '../modules/card/index.ts';
import { attachmentSweepJob } from '../modules/applications/attachments/sweep.ts';
import { retentionJob } from '../modules/governance/index.ts';
import { encryptedFiles, fileDisposalJob } from '../platform/files/index.ts';
import { startMailSender } from '../platform/mail/index.ts';
import { buildApp, rolePaths } from '../shell/app.ts';
import { demoLogins, loadDemoMunicipality } from '../shell/demo.ts';
import { findServedMunicipality } from '../shell/store.ts';
import { version } from '../shell/version.ts';
import { type Output, padColumns } from './output.ts';

export interface RunServerOptions {
  config: Config;
  roles: readonly Role[];
  command: string;
  /** start migrates and loads the demo city; serve expects an operator to have migrated. */
  prepare: boolean;
  output: Output;
}

const roleLabels: Record<Role, string> = {
  portal: '住民ポータル / Resident portal',
  console: '職員コンソール / Staff console',
  review: '審査アシスト API / Review assist API',
  issuance: '証明書交付 API / Issuance API',
  worker: '定期処理・死活監視 / Jobs and health',
};

/** Runs until SIGINT or SIGTERM; returns the exit code. */
export async function runServer(options: RunServerOptions): Promise<number> {
  const { config, roles, output } = options;
  const db = await openDb(config, options.command);
  let closing: Promise<void> | undefined;
  try {
    if (options.prepare) {
      await migrate(db);
      if (!(await findServedMunicipality(db))) await loadDemoMunicipality(db, { master: loadMasterKey(config), ledger: true });
    } else {
      const pending = await pendingMigrations(db);
      if (pending.length) throw new AppError('migrations_pending', { names: pending.join(', ') });
    }
    const { app } = await buildApp({ config, db, roles });
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    db.lock?.update({ url: base });

    const municipality = await findServedMunicipality(db);
    output.out(`madoguchi ${version} — ${municipality ? `${municipality.nameJa} (${municipality.code})${municipality.isDemo ? ' デモ / demo' : ''}` : '団体未登録 / no municipality'}`);
    for (const role of roles) output.out(`  ${padColumns(roleLabels[role], 40)}${base}${rolePaths[role]}`);
    output.out(`  ${padColumns('API 仕様 / API docs', 40)}${base}/api/docs`);
    if (municipality?.isDemo && roles.includes('console')) {
      output.out(`  デモ用ログイン / demo logins: ${demoLogins.accounts.map((a) => a.loginId).join(', ')} — パスワード / password: ${demoLogins.password}`);
      output.out(`  demo.admin の確認コード用キー / TOTP key for demo.admin: ${demoLogins.adminTotpSecret} (認証アプリに登録 / add it to an authenticator app)`);
      for (const [loginId, secret] of Object.entries(demoLogins.totpSecrets)) output.out(`  ${loginId} の確認コード用キー / TOTP key for ${loginId}: ${secret}`);
    }
    output.out(`  データベース / database: ${db.backend === 'pglite' ? `PGlite ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`);
    output.out(`準備完了 / ready in ${process.uptime().toFixed(1)} s — Ctrl+C で停止 / to stop`);

    // The worker also proposes every module's records past their retention for disposal (governance's retention
    // scheduler: disposed of only once a person approves the batch, handed-over applications included), deletes
    // the files of deleted rows and sweeps files whose rows never committed (the encrypted file store), and marks the card
    // reservations still booked for a day that has ended as 未来庁, mails tomorrow's bookings their reminder, and passes on waitlist offers whose hold ran out.
    const files = encryptedFiles(config.filesDir);
    const jobs = [...housekeepingJobs, retentionJob, fileDisposalJob(files), attachmentSweepJob(files), cardImageSweepJob(files), noShowJob(), cardReminderJob(), cardOfferExpiryJob(config.publicUrl)];
    const stopHousekeeping = roles.includes('worker') ? startHousekeeping(db, config, app.log, { jobs }) : undefined;
    const stopMail = roles.includes('worker') ? startMailSender({ db, config, log: app.log }) : undefined;
    return await new Promise<number>((resolve) => {
      const stop = () => {
        closing ??= (async () => {
          await stopHousekeeping?.();
          await stopMail?.();
          await app.close();
          await db.close();
          resolve(0);
        })();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  } catch (e) {
    if (!closing) await db.close();
    throw e;
  }
}
