// The demo city: a fictional municipality (見本市) loaded into an empty database so a newcomer sees a working system.
import { hashPassword } from '../platform/auth/password.ts';
import { grantRole } from '../platform/access/store.ts';
import { enableTotp, storePendingTotpSecret } from '../platform/auth/account-store.ts';
import { upsertStaffUser } from '../platform/auth/store.ts';
import { totpSecretBox } from '../platform/auth/totp-secret.ts';
import type { MasterKey } from '../platform/crypto/index.ts';
import type { Db } from '../platform/db/index.ts';
import { loadDemoCardMasters } from '../demo/card-masters.ts';
import { loadDemoBenefits } from '../modules/benefits/demo.ts';
import { demoCity } from '../demo/demo-city.ts';
import { loadProcedureDir, shippedProceduresDir, systemLoader } from '../modules/applications/index.ts';
import { upsertMunicipality } from './store.ts';

/** The demo's staff logins, printed by `start`; they exist only in the demo city. */
export const demoLogins = {
  password: 'mihon-demo-2026',
  /** demo.admin's TOTP key (administrators must use a second factor): printed by `start` to add to an authenticator app. */
  adminTotpSecret: 'MIHONCITYDEMOADMINTOTPSECRETKEYS',
  /** The TOTP keys of the other demo logins whose role demands a second factor (給付担当, 会計担当). */
  totpSecrets: { 'demo.benefits': 'MIHONCITYDEMOBENEFITSTOTPSECRETK', 'demo.payment': 'MIHONCITYDEMOPAYMENTTOTPSECRETKE' },
  accounts: [
    { loginId: 'demo.admin', displayName: '見本 管理者', department: '情報政策課', role: 'administrator' },
    { loginId: 'demo.clerk', displayName: '見本 窓口', department: '市民課', role: 'clerk' },
    { loginId: 'demo.benefits', displayName: '見本 給付', department: 'くらし支援課', role: 'benefits_clerk' },
    { loginId: 'demo.payment', displayName: '見本 会計', department: '会計課', role: 'payment_officer' },
  ],
} as const;

/**
 * Registers the demo city and its staff logins. With the master key, demo.admin, demo.benefits and demo.payment are
 * enrolled in TOTP with their demo keys; without it, they set up a second factor at the first login. Modules load
 * their demo records in their own loaders as they arrive; the shipped procedure definitions are loaded here, and
 * with `ledger` the benefits ledger's taxpayers and targets (a second or so, so not for every test's database).
 */
export async function loadDemoMunicipality(db: Db, options: { master?: MasterKey; ledger?: boolean } = {}): Promise<void> {
  await upsertMunicipality(db, {
    code: demoCity.code,
    nameJa: demoCity.nameJa,
    nameEn: demoCity.nameEn,
    prefectureJa: demoCity.prefectureJa,
    mayorTitleJa: demoCity.mayorTitleJa,
    isDemo: true,
  });
  const passwordHash = await hashPassword(demoLogins.password);
  for (const { role, ...account } of demoLogins.accounts) {
    await upsertStaffUser(db, { municipalityCode: demoCity.code, ...account }, passwordHash);
    await grantRole(db, { municipalityCode: demoCity.code, loginId: account.loginId, role, scope: {}, grantedBy: 'demo-data' });
  }
  const { master } = options;
  if (master) {
    const box = totpSecretBox(db, () => master);
    for (const [loginId, secret] of [['demo.admin', demoLogins.adminTotpSecret], ...Object.entries(demoLogins.totpSecrets)] as const) {
      const ciphertext = await box.seal(demoCity.code, loginId, secret);
      if (await storePendingTotpSecret(db.kysely, demoCity.code, loginId, ciphertext)) await enableTotp(db.kysely, demoCity.code, loginId, 0);
    }
  }
  // The five shipped procedures, so the portal has something to apply for; reloading leaves unchanged ones as they are.
  await loadProcedureDir(db, demoCity.code, shippedProceduresDir, systemLoader('system:demo'));
  await loadDemoCardMasters(db, demoCity.code);
  if (options.ledger) await loadDemoBenefits(db, demoCity.code);
}
