import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AuditOperation } from './operations.ts';
import { checkAuditDeclared, outcomeOfStatus } from './request.ts';

describe('outcomeOfStatus', () => {
  for (const [status, outcome] of [[200, 'success'], [303, 'success'], [400, 'failure'], [401, 'denied'], [403, 'denied'], [404, 'denied'], [409, 'failure'], [500, 'failure']] as const) {
    it(`calls ${status} ${outcome}`, () => assert.equal(outcomeOfStatus(status), outcome));
  }
});

describe('checkAuditDeclared', () => {
  it('refuses a staff route that carries personal data without an audit operation', () => {
    assert.throws(() => checkAuditDeclared('/console/residents/:id', { personalData: true }), /\/console\/residents\/:id.*config\.audit/);
  });
  it('accepts it with one, a public form of the resident\'s own, and a route without personal data', () => {
    checkAuditDeclared('/console/residents/:id', { personalData: true, audit: AuditOperation['audit.search'] });
    checkAuditDeclared('/apply/:procedure', { personalData: true, public: true });
    checkAuditDeclared('/console/', {});
  });
});
