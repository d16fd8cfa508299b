// The accounts' store on both backends: the number encrypted and bound to its row, revisions with one current,
// nothing registered twice, the payment reads in clear, the page reads masked, and key rotation covering the column.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { addMunicipality, city } from '../../../../test/support/audit.ts';
import { backends, freshDb } from '../../../../test/support/db.ts';
import { type FieldCipher, fieldCipher, masterKeyFrom, newSecretKey, registeredEncryptedColumns, rotateFieldKey } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { type Account, checkAccount } from './domain/account.ts';
import { accountHistory, accountNumberColumn, accountsForPayment, knownPublicFundAccounts, revealAccountNumber, saveAccount, saveAccounts } from './store.ts';

const master = masterKeyFrom(newSecretKey(), 'test');

function account(accountNumber: string, holderName = 'ヤマダ タロウ'): Account {
  const r = checkAccount({ bankCode: '0001', branchCode: '001', accountType: '普通', accountNumber, holderName });
  assert.ok(r.ok);
  return r.account;
}

for (const backend of backends) {
  describe(`benefit accounts store on ${backend}`, () => {
    let db: Db;
    let cipher: FieldCipher;
    before(async () => {
      db = await freshDb(backend);
      await addMunicipality(db);
      cipher = await fieldCipher(db, master, city);
    });
    after(() => db.close());

    it('stores the account number encrypted, bound to its row, with the last three digits apart', async () => {
      await saveAccount(db.kysely, cipher, { municipalityCode: city, residentNumber: '100001', source: 'reply', account: account('1234567'), by: 'clerk1' });
      const row = await db.kysely.selectFrom('benefit_account').selectAll().where('resident_number', '=', '100001').executeTakeFirstOrThrow();
      assert.equal(row.account_number_ciphertext.includes('1234567'), false);
      assert.equal(row.account_number_last3, '567');
      assert.equal(row.holder_kana, 'ﾔﾏﾀﾞ ﾀﾛｳ');
      assert.equal(row.registered_by, 'clerk1');
      assert.equal(await revealAccountNumber(db.kysely, cipher, city, '100001', 1), '1234567');
      // Copied to another person's row, the value does not open.
      await saveAccount(db.kysely, cipher, { municipalityCode: city, residentNumber: '100002', source: 'reply', account: account('7654321'), by: null });
      await sql`update benefit_account set account_number_ciphertext = ${row.account_number_ciphertext} where resident_number = '100002'`.execute(db.kysely);
      await assert.rejects(revealAccountNumber(db.kysely, cipher, city, '100002', 1), { code: 'decryption_failed' });
      await sql`delete from benefit_account where resident_number = '100002'`.execute(db.kysely);
    });

    it('keeps every account as a revision, one current, and does not register the same account twice', async () => {
      const r = '200001';
      await saveAccount(db.kysely, cipher, { municipalityCode: city, residentNumber: r, source: 'public_fund', account: account('1111111'), by: null });
      await saveAccount(db.kysely, cipher, { municipalityCode: city, residentNumber: r, source: 'public_fund', account: account('1111111'), by: null });
      await saveAccount(db.kysely, cipher, { municipalityCode: city, residentNumber: r, source: 'correction', account: account('2222222'), by: 'clerk2' });
      const history = await accountHistory(db.kysely, city, r);
      assert.deepEqual(history.map((h) => [h.revision, h.current, h.source, h.maskedNumber]), [[2, true, 'correction', '****222'], [1, false, 'public_fund', '****111']]);
      assert.equal(history[0]!.bankName, 'みずほ');
      assert.equal(history[0]!.branchKana, 'ﾄｳｷﾖｳ');
      assert.equal(JSON.stringify(history).includes('2222222'), false);
      const paid = await accountsForPayment(db.kysely, cipher, city, [r, '999999']);
      assert.deepEqual([...paid.keys()], [r]);
      assert.deepEqual(paid.get(r), account('2222222'));
      // The holder's name alone changing is a new account too.
      await saveAccount(db.kysely, cipher, { municipalityCode: city, residentNumber: r, source: 'correction', account: account('2222222', 'ヤマダ ハナコ'), by: 'clerk2' });
      assert.equal((await accountHistory(db.kysely, city, r)).length, 3);
    });

    it('knows whose current account came from the public-fund registry', async () => {
      await saveAccounts(db.kysely, cipher, [
        { municipalityCode: city, residentNumber: '300001', source: 'public_fund', account: account('3000001'), by: null },
        { municipalityCode: city, residentNumber: '300002', source: 'public_fund', account: account('3000002'), by: null },
        { municipalityCode: city, residentNumber: '300003', source: 'reply', account: account('3000003'), by: null },
      ]);
      await saveAccount(db.kysely, cipher, { municipalityCode: city, residentNumber: '300002', source: 'reply', account: account('3000009'), by: null });
      assert.deepEqual([...(await knownPublicFundAccounts(db.kysely, city, ['300001', '300002', '300003', '300004']))], ['300001']);
    });

    it('joins the caller\'s transaction: a rolled-back registration leaves nothing', async () => {
      await assert.rejects(db.transaction(async (tx) => {
        await saveAccount(tx, cipher, { municipalityCode: city, residentNumber: '400001', source: 'reply', account: account('4000001'), by: null });
        throw new Error('rollback');
      }), /rollback/);
      assert.deepEqual(await accountHistory(db.kysely, city, '400001'), []);
    });

    it('is re-encrypted by a key rotation and still opens', async () => {
      assert.ok(registeredEncryptedColumns().includes(accountNumberColumn));
      const before = await db.kysely.selectFrom('benefit_account').select('account_number_ciphertext').where('resident_number', '=', '100001').executeTakeFirstOrThrow();
      const result = await rotateFieldKey(db, master, city, { columns: [accountNumberColumn] });
      assert.ok(result.reencrypted >= 1);
      const after = await db.kysely.selectFrom('benefit_account').select('account_number_ciphertext').where('resident_number', '=', '100001').executeTakeFirstOrThrow();
      assert.notEqual(after.account_number_ciphertext, before.account_number_ciphertext);
      const fresh = await fieldCipher(db, master, city);
      assert.equal(await revealAccountNumber(db.kysely, fresh, city, '100001', 1), '1234567');
    });
  });
}
