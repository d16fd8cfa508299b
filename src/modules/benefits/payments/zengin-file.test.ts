// The batch's 全銀 総合振込 file read back byte by byte with zengin/parser.ts: every record 120 bytes and CRLF, the
// header from the remitter settings, one data record per item in item order with the item's bank, branch, account
// (decrypted from the item), payee, amount and numbers, and the trailer's count and total equal to the batch's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import { staffActor } from '../../../platform/audit/index.ts';
import { saveAccounts } from '../accounts/store.ts';
import { parseTransferFile } from '../zengin/parser.ts';
import { approveBatch, prepareBatch } from './batch.ts';
import { addDecidedTargets, buildSettings, mc, nextBusinessDay, type PaymentWorld, paymentWorld, programmeId, testAccount } from './payments.builders.ts';
import { batchItems, findBatch, itemAad } from './store.ts';

const holders = ['ヤマダ タロウ', 'キョウコ シャッフル', 'ヴァン パク', 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘガ', 'スズキ ハナコ'];
const as = (loginId: string) => ({ municipalityCode: mc, actor: staffActor({ loginId, displayName: loginId, department: '' }) });

for (const backend of backends) {
  describe(`the batch's bank file read back on ${backend}`, () => {
    let w: PaymentWorld;
    before(async () => {
      w = await paymentWorld(backend);
      const targets = await addDecidedTargets(w.db, Array.from({ length: 60 }, (_, i) => 10_000 * ((i % 9) + 1)));
      await saveAccounts(w.db.kysely, w.cipher, targets.map((n, i) => ({
        municipalityCode: mc, residentNumber: n, source: 'reply' as const, by: 'test',
        account: { ...testAccount(n, holders[i % holders.length]), ...(i % 3 === 1 ? { bankCode: '0009', bankKana: 'ﾐﾂｲｽﾐﾄﾓ', branchCode: '001', branchKana: 'ﾎﾝﾃﾝ', accountType: '2' as const } : {}) },
      })));
    });
    after(() => w.close());

    it('parses every record and agrees with every item, the header and the trailer', async () => {
      const day = nextBusinessDay();
      const { batchId } = await prepareBatch(w.db, w.cipher, { ...as('clerk'), programmeId, transferDate: day });
      const file = await approveBatch(w.db, w.cipher, { ...as('officer'), batchId });
      const bytes = file.bytes;
      assert.equal(bytes.length % 122, 0);
      for (let r = 0; r < bytes.length / 122; r++) {
        assert.equal(bytes[r * 122 + 120], 0x0d, `record ${r + 1} ends in CR`);
        assert.equal(bytes[r * 122 + 121], 0x0a, `record ${r + 1} ends in LF`);
        for (let b = 0; b < 120; b++) {
          const x = bytes[r * 122 + b]!;
          assert.ok((x >= 0x20 && x <= 0x7e) || (x >= 0xa1 && x <= 0xdf), `record ${r + 1} byte ${b + 1} is single-byte`);
        }
      }
      const parsed = parseTransferFile(bytes);
      const settings = buildSettings();
      assert.deepEqual(parsed.header, {
        requesterCode: settings.requesterCode, requesterName: 'ﾐﾎﾝｼ', transferDate: day.slice(5, 7) + day.slice(8, 10), bankCode: '0009', bankName: 'ﾐﾂｲｽﾐﾄﾓ',
        branchCode: '001', branchName: parsed.header.branchName, accountType: '1', accountNumber: settings.accountNumber,
      });
      assert.ok(parsed.header.branchName.length > 0);
      const items = await batchItems(w.db.kysely, mc, batchId);
      assert.equal(parsed.transfers.length, items.length);
      for (const [i, t] of parsed.transfers.entries()) {
        const item = items[i]!;
        const account = await w.cipher.decryptField(item.accountNumberEncrypted, itemAad(mc, batchId, item.itemNumber));
        assert.deepEqual(
          [t.bankCode, t.bankName, t.branchCode, t.branchName, t.accountType, t.accountNumber, t.amount, t.customerCode1, t.customerCode2, t.newCode, t.transferKind, t.edi],
          [item.bankCode, item.bankKana, item.branchCode, item.branchKana, item.accountType, account.padStart(7, '0'), item.amount, String(item.itemNumber).padStart(10, '0'), String(batchId).padStart(10, '0'), '0', '7', null],
          `data record ${i + 2}`,
        );
        assert.ok(item.holderKana.startsWith(t.payeeName) && t.payeeName.length >= Math.min(29, item.holderKana.length), `data record ${i + 2}: ${t.payeeName} is the holder ${item.holderKana}, cut at a whole kana`);
      }
      const batch = (await findBatch(w.db.kysely, mc, batchId))!;
      assert.deepEqual([parsed.count, parsed.total], [batch.itemCount, batch.totalAmount]);
      assert.equal(parsed.total, items.reduce((s, x) => s + x.amount, 0));
      assert.ok(parsed.transfers.some((t) => t.payeeName === 'ｷﾖｳｺ ｼﾔﾂﾌﾙ'), 'small kana written large');
      assert.ok(parsed.transfers.some((t) => t.payeeName === 'ｳﾞｱﾝ ﾊﾟｸ'), 'voiced kana as two bytes');
      const long = parsed.transfers.find((t) => t.payeeName.startsWith('ｱｲｳｴｵ'))!;
      assert.equal(long.payeeName, 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍ', 'a name too long is cut to 30 bytes, never between a kana and its mark');
    });
  });
}
