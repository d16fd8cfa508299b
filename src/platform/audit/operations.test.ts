import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AuditOperation, defineAuditOperations, findAuditOperation } from './operations.ts';

describe('audit operation registry', () => {
  it('gives each operation its code, Japanese name and category, and finds it by code', () => {
    assert.deepEqual(AuditOperation['auth.login'], { code: 'auth.login', nameJa: 'ログイン', category: 'login' });
    assert.equal(findAuditOperation('audit.export')?.category, 'export');
    assert.equal(findAuditOperation('no.such'), undefined);
  });

  it('lets a module add its own codes, and the same definition twice is harmless', () => {
    const ops = defineAuditOperations({ 'test_module.record.read': { nameJa: '記録の閲覧', category: 'read' } });
    assert.equal(ops['test_module.record.read'].code, 'test_module.record.read');
    assert.doesNotThrow(() => defineAuditOperations({ 'test_module.record.read': { nameJa: '記録の閲覧', category: 'read' } }));
  });

  it('refuses a code defined again with another name, and a code that is not dotted lower case', () => {
    assert.throws(() => defineAuditOperations({ 'auth.login': { nameJa: '別名', category: 'login' } }), /already defined differently/);
    assert.throws(() => defineAuditOperations({ Login: { nameJa: 'ログイン', category: 'login' } }), /dotted lower case/);
  });
});
