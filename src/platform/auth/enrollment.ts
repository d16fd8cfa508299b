// 多要素認証の登録: a new TOTP secret is shown once as a QR code and text, and takes effect only when a code from it is entered.
import type { AuditClient } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { enableTotp, findTotpState, storePendingTotpSecret } from './account-store.ts';
import { authActor, authOperations, auditAuth } from './audit.ts';
import type { StaffAccount } from './store.ts';
import { matchTotp, newTotpSecret } from './totp.ts';
import type { TotpSecretBox } from './totp-secret.ts';

/**
 * The secret to show for enrollment: the unconfirmed one from an earlier visit (so a reload shows the same QR code),
 * or a new one stored now. Undefined when the account already has a confirmed second factor.
 */
export async function enrollmentSecret(db: Db, box: TotpSecretBox, account: StaffAccount): Promise<string | undefined> {
  const state = await findTotpState(db.kysely, account.municipalityCode, account.loginId);
  if (!state || state.enabled) return undefined;
  if (state.secretCiphertext) return box.open(account.municipalityCode, account.loginId, state.secretCiphertext);
  const secret = newTotpSecret();
  const ciphertext = await box.seal(account.municipalityCode, account.loginId, secret);
  return (await storePendingTotpSecret(db.kysely, account.municipalityCode, account.loginId, ciphertext)) ? secret : undefined;
}

/** Confirms enrollment with a code from the new secret; true when the second factor is now active (and logged). */
export async function confirmEnrollment(db: Db, box: TotpSecretBox, account: StaffAccount, typed: string, client: AuditClient, now = new Date()): Promise<boolean> {
  const state = await findTotpState(db.kysely, account.municipalityCode, account.loginId);
  if (!state?.secretCiphertext || state.enabled) return false;
  const secret = await box.open(account.municipalityCode, account.loginId, state.secretCiphertext);
  const step = await matchTotp(secret, typed, null, now.getTime());
  if (step === undefined) return false;
  return db.transaction(async (tx) => {
    // The code's step is stored as used: the same code cannot also log in.
    const enabled = await enableTotp(tx, account.municipalityCode, account.loginId, step);
    if (enabled) {
      await auditAuth(tx, { municipalityCode: account.municipalityCode, operation: authOperations['auth.mfa_enroll'], actor: authActor(account), client, account: account.loginId });
    }
    return enabled;
  });
}
