// Nothing due is forgotten: every table of every file of the register (個人情報ファイル簿) has a retention source or a
// declared other mechanism, and no source or mechanism names a file the register does not hold or another file's table.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileTables, registerFiles } from '../register/files.ts';
import { retentionCoverage } from './domain/coverage.ts';
import { otherDisposals, retentionSources } from './sources.ts';

const files = registerFiles.map((f) => ({ fileId: f.file.fileId, tables: fileTables(f) }));
const declared = [...retentionSources, ...otherDisposals];

describe('retention coverage of the register', () => {
  it('gives every table of every register file a source or another mechanism, and names nothing outside the register', () => {
    assert.deepEqual(retentionCoverage(files, declared), { uncovered: [], unknown: [], strayTables: [] });
  });

  it('names a table left without a rule, a file id the register does not hold, and a table of another file', () => {
    const withoutSerials = declared.filter((d) => !d.tables.includes('certificate_serial'));
    const wrong = [...withoutSerials, { fileId: 'card_waitlist', tables: ['card_waitlist'] }, { fileId: 'mail_outbox', tables: ['card_image'] }];
    assert.deepEqual(retentionCoverage(files, wrong), { uncovered: ['certificate_tax/certificate_serial'], unknown: ['card_waitlist'], strayTables: ['mail_outbox/card_image'] });
  });

  it('leaves a table uncovered when only another file\'s source names it', () => {
    const mailOnly = declared.filter((d) => d.fileId !== 'mail_outbox');
    assert.deepEqual(retentionCoverage(files, mailOnly).uncovered, ['mail_outbox/platform_mail_outbox']);
  });

  it('gives each source an id of its own, as module.kind', () => {
    const ids = retentionSources.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*$/);
  });
});
