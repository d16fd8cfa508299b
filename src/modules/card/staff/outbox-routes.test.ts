// 送信メール: an administrator reads the outbox (the card booking's confirmation among it), audited with every mail
// shown; nobody else may.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import { queueMail } from '../../../platform/mail/index.ts';
import { getPage, mc, type StaffWorld, staffWorld } from './staff.builders.ts';

for (const backend of backends) {
  describe(`mail outbox page on ${backend}`, () => {
    let w: StaffWorld;
    before(async () => {
      w = await staffWorld(backend);
      await w.t.db.transaction(async (tx) => {
        await queueMail(tx, { municipalityCode: mc, to: 'hanako@example.jp', subject: '来庁予約の確認 123456789012', text: 'ご予約を承りました。<b>本庁</b>', category: 'card.reservation.confirmed' });
        await queueMail(tx, { municipalityCode: mc, to: 'taro@example.jp', subject: '申請の受付', text: '受け付けました。', category: 'application.receipt' });
      });
    });
    after(() => w.close());

    it('shows an administrator the mail with address, subject and escaped text, audited with each mail', async () => {
      const res = await getPage(w.app, w.admin, '/console/mail/outbox');
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes('hanako@example.jp'));
      assert.ok(res.body.includes('&lt;b') && !res.body.includes('<b>本庁'));
      assert.ok(res.body.includes('送信待ち'));
      const [event] = await w.t.db.kysely.selectFrom('audit_event').select(['subjects', 'detail']).where('operation_code', '=', 'mail.outbox.read').execute();
      assert.equal(event!.subjects.length, 2);
    });

    it('keeps to one kind when asked', async () => {
      const res = await getPage(w.app, w.admin, '/console/mail/outbox?category=card.');
      assert.ok(res.body.includes('hanako@example.jp'));
      assert.ok(!res.body.includes('taro@example.jp'));
    });

    it('is closed to clerks and the call centre', async () => {
      assert.equal((await getPage(w.app, w.clerk, '/console/mail/outbox')).statusCode, 403);
      assert.equal((await getPage(w.app, w.operator, '/console/mail/outbox')).statusCode, 403);
    });
  });
}
