// マスタ管理: an administrator adds a site with a closure, a type offered there, a weekly template and an exception,
// and sets the booking window; a refused form comes back marked; every change is audited; clerks cannot.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import { findBookingSettings, findSite, listClosures, listExceptions, listTemplates, listTypes } from '../reservations/store.ts';
import { getPage, mc, postForm, type StaffWorld, staffWorld } from '../staff/staff.builders.ts';

for (const backend of backends) {
  describe(`card reservation masters on ${backend}`, () => {
    let w: StaffWorld;
    before(async () => { w = await staffWorld(backend); });
    after(() => w.close());

    it('adds a satellite with its days and hours, and shows it in the list', async () => {
      const res = await postForm(w.app, w.admin, '/console/card/masters/sites', {
        siteCode: 'nishi-sat', nameJa: '西サテライト', nameEn: 'Nishi satellite', address: '見本市西区1-1', opensAt: '10:00', closesAt: '18:00', sortOrder: '5', isSatellite: '1', active: '1',
      });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/console/card/masters/sites/nishi-sat?done=saved');
      const site = await findSite(w.t.db.kysely, mc, 'nishi-sat');
      assert.deepEqual([site!.nameJa, site!.isSatellite, site!.opensAt, site!.closesAt], ['西サテライト', true, '10:00', '18:00']);
      const list = await getPage(w.app, w.admin, '/console/card/masters');
      assert.equal(list.statusCode, 200);
      assert.ok(list.body.includes('西サテライト'));
    });

    it('saves the opening weekdays given as checkboxes', async () => {
      const form = new URLSearchParams({ csrf: w.admin.csrf, siteCode: 'nishi-sat', nameJa: '西サテライト', nameEn: 'Nishi satellite', opensAt: '10:00', closesAt: '18:00', active: '1' });
      for (const d of ['6', '2', '4']) form.append('openWeekdays', d);
      const res = await w.app.inject({ method: 'POST', url: '/console/card/masters/sites', headers: { cookie: w.admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
      assert.equal(res.statusCode, 303);
      assert.deepEqual((await findSite(w.t.db.kysely, mc, 'nishi-sat'))!.openWeekdays, [2, 4, 6]);
    });

    it('sends a wrong form back marked, saving nothing', async () => {
      const res = await postForm(w.app, w.admin, '/console/card/masters/sites', { siteCode: 'higashi', nameJa: '', nameEn: 'Higashi', opensAt: '18:00', closesAt: '09:00' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="f-name-ja"[^>]*aria-invalid="true"/);
      assert.match(res.body, /id="f-closes"[^>]*aria-invalid="true"/);
      assert.equal(await findSite(w.t.db.kysely, mc, 'higashi'), undefined);
    });

    it('adds and removes a closure', async () => {
      assert.equal((await postForm(w.app, w.admin, '/console/card/masters/sites/nishi-sat/closures', { date: '2027-03-10', reason: '施設点検' })).statusCode, 303);
      assert.deepEqual(await listClosures(w.t.db.kysely, mc, 'nishi-sat', '2027-01-01', '2027-12-31'), [{ date: '2027-03-10', reason: '施設点検' }]);
      assert.equal((await postForm(w.app, w.admin, '/console/card/masters/sites/nishi-sat/closures/2027-03-10/delete')).statusCode, 303);
      assert.deepEqual(await listClosures(w.t.db.kysely, mc, 'nishi-sat', '2027-01-01', '2027-12-31'), []);
    });

    it('adds a type with its documents and the sites offering it, then slots for it at a site', async () => {
      const form = new URLSearchParams({ csrf: w.admin.csrf, typeCode: 'reissue', nameJa: '再発行', nameEn: 'Reissue', durationMinutes: '20', maxPeople: '1', documentsJa: '本人確認書類', documentsEn: 'Proof of identity', active: '1' });
      form.append('siteCodes', 'nishi-sat');
      form.append('siteCodes', 'honcho');
      const res = await w.app.inject({ method: 'POST', url: '/console/card/masters/types', headers: { cookie: w.admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
      assert.equal(res.statusCode, 303);
      const type = (await listTypes(w.t.db.kysely, mc)).find((x) => x.typeCode === 'reissue');
      assert.deepEqual([type!.documentsJa, [...type!.siteCodes].sort()], ['本人確認書類', ['honcho', 'nishi-sat']]);

      const template = await postForm(w.app, w.admin, '/console/card/masters/sites/nishi-sat/slots/templates', { typeCode: 'reissue', weekday: '2', startTime: '10:00', endTime: '12:00', intervalMinutes: '20', capacity: '3', validFrom: '2027-01-01', validTo: '' });
      assert.equal(template.statusCode, 303);
      const [saved] = await listTemplates(w.t.db.kysely, mc, 'nishi-sat');
      assert.deepEqual([saved!.typeCode, saved!.weekday, saved!.capacity, saved!.validTo], ['reissue', 2, 3, null]);

      const exception = await postForm(w.app, w.admin, '/console/card/masters/sites/nishi-sat/slots/exceptions', { typeCode: 'reissue', date: '2027-06-08', kind: 'closed', startTime: '', endTime: '', capacity: '', note: '研修' });
      assert.equal(exception.statusCode, 303);
      const [closed] = await listExceptions(w.t.db.kysely, mc, 'nishi-sat', '2027-06-01', '2027-06-30');
      assert.deepEqual([closed!.kind, closed!.startTime], ['closed', null]);
      const page = await getPage(w.app, w.admin, '/console/card/masters/sites/nishi-sat/slots');
      assert.ok(page.body.includes('終日停止'));

      const refused = await postForm(w.app, w.admin, '/console/card/masters/sites/nishi-sat/slots/templates', { typeCode: 'pickup', weekday: '2', startTime: '10:00', endTime: '12:00', intervalMinutes: '20', capacity: '3', validFrom: '2027-01-01' });
      assert.equal(refused.statusCode, 400, 'a type the site does not offer');
      assert.equal((await postForm(w.app, w.admin, `/console/card/masters/sites/nishi-sat/slots/templates/${saved!.templateId}/delete`)).statusCode, 303);
      assert.deepEqual(await listTemplates(w.t.db.kysely, mc, 'nishi-sat'), []);
    });

    it('sets the booking window', async () => {
      const res = await postForm(w.app, w.admin, '/console/card/masters/settings', { opensDaysAhead: '30', closesDaysBefore: '2', closesAtTime: '12:00', offerHoldHours: '12', fewThreshold: '3' });
      assert.equal(res.statusCode, 303);
      assert.deepEqual(await findBookingSettings(w.t.db.kysely, mc), { opensDaysAhead: 30, closesDaysBefore: 2, closesAtTime: '12:00', offerHoldHours: 12, fewThreshold: 3 });
    });

    it('audits every change with the administrator and the master changed', async () => {
      const events = await w.t.db.kysely.selectFrom('audit_event').select(['user_id', 'subjects', 'detail', 'outcome']).where('operation_code', '=', 'card.masters.change').execute();
      assert.ok(events.length >= 9);
      assert.ok(events.every((e) => e.user_id === w.admin.loginId && e.outcome === 'success'));
      assert.ok(events.some((e) => e.subjects.includes('card_site:nishi-sat') && e.detail === 'closures 2027-03-10 added'));
    });

    it('is closed to clerks and the call centre', async () => {
      for (const who of [w.clerk, w.operator]) {
        assert.equal((await getPage(w.app, who, '/console/card/masters')).statusCode, 403);
        assert.equal((await postForm(w.app, who, '/console/card/masters/settings', { opensDaysAhead: '1', closesDaysBefore: '0', closesAtTime: '00:00', offerHoldHours: '1', fewThreshold: '0' })).statusCode, 403);
      }
    });
  });
}
