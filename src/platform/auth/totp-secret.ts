// The TOTP secret at rest: encrypted with the municipality's field key, bound to its account row (AAD).
import { fieldCipher, type MasterKey, registerEncryptedColumn } from '../crypto/index.ts';
import type { Db } from '../db/index.ts';

/** staff_user.totp_secret_ciphertext, declared so that `madoguchi keys rotate` re-encrypts it. */
export const totpSecretColumn = registerEncryptedColumn({ table: 'staff_user', keyColumns: ['municipality_code', 'login_id'], column: 'totp_secret_ciphertext' });

/** Encrypts and decrypts one account's TOTP secret. */
export interface TotpSecretBox {
  seal(municipalityCode: string, loginId: string, secret: string): Promise<string>;
  open(municipalityCode: string, loginId: string, ciphertext: string): Promise<string>;
}

/** A box over the platform's field encryption; the master key is loaded on first use. */
export function totpSecretBox(db: Db, master: () => MasterKey): TotpSecretBox {
  const aad = (municipalityCode: string, loginId: string) => totpSecretColumn.aad({ municipality_code: municipalityCode, login_id: loginId });
  return {
    // Call outside a transaction: the first use of a municipality's keys reads (and may create) them.
    async seal(municipalityCode, loginId, secret) {
      return (await fieldCipher(db, master(), municipalityCode)).encryptField(secret, aad(municipalityCode, loginId));
    },
    async open(municipalityCode, loginId, ciphertext) {
      return (await fieldCipher(db, master(), municipalityCode)).decryptField(ciphertext, aad(municipalityCode, loginId));
    },
  };
}
