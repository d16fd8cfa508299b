// The demo city: a fictional municipality (見本市) loaded into an empty database so a newcomer sees a working system.
import { hashPassword } from '../platform/auth/password.ts';
import { grantRole } from '../platform/access/store.ts';
import { enableTotp, storePendingTotpSecret } from '../platform/auth/account-store.ts';
import { upsertStaffUser } from '../platform/auth/store.ts';
import { totpSecretBox } from '../platform/auth/totp-secret.ts';
import type { MasterKey } from '../platform/crypto/index.ts';
import type { Db } from '../platform/db/index.ts';
import { loadDemoCardMasters } from '../demo/card-masters.ts';
import { demoCity } from '../demo/demo-city.ts';
import { loadProcedureDir, shippedProceduresDir, systemLoader } from '../modules/applications/index.ts';
import { upsertMunicipality } from './store.ts';

/** The demo's staff logins, printed by `start`; they exist only in the demo city. */
export const demoLogins = {
  password: 'mihon-demo-2026',
  /** demo.admin's TOTP key (administrators must use a second factor): printed by `start` to add to an authenticator app. */
  adminTotpSecret: 'MIHONCITYDEMOADMINTOTPSECRETKEYS',
  accounts: [
    { loginId: 'demo.admin', displayName: '見本 管理者', department: '情報政策課', role: 'administrator' },
    { loginId: 'demo.clerk', displayName: '見本 窓口', department: '市民課', role: 'clerk' },
  ],
} as const;

/**
 * Registers the demo city and its staff logins. With the master key, demo.admin is enrolled in TOTP with the
 * demo key; without it, demo.admin sets up a second factor at the first login. Modules load their demo records
 * in their own loaders as they arrive; the shipped procedure definitions are loaded here.
 */
export async function loadDemoMunicipality(db: Db, options: { master?: MasterKey } = {}): Promise<void> {
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
    const ciphertext = await totpSecretBox(db, () => master).seal(demoCity.code, 'demo.admin', demoLogins.adminTotpSecret);
    if (await storePendingTotpSecret(db.kysely, demoCity.code, 'demo.admin', ciphertext)) await enableTotp(db.kysely, demoCity.code, 'demo.admin', 0);
  }
  // The five shipped procedures, so the portal has something to apply for; reloading leaves unchanged ones as they are.
  await loadProcedureDir(db, demoCity.code, shippedProceduresDir, systemLoader('system:demo'));
  await loadDemoCardMasters(db, demoCity.code);
}
