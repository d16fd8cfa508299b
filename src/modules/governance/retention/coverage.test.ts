// Nothing due is forgotten: every file of the register (個人情報ファイル簿) has a retention source or a declared other
// mechanism, and no source or mechanism names a file the register does not hold.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { registerFiles } from '../register/files.ts';
import { retentionCoverage } from './domain/coverage.ts';
import { otherDisposals, retentionSources } from './sources.ts';

const fileIds = registerFiles.map((f) => f.file.fileId);

describe('retention coverage of the register', () => {
  it('gives every register file a source or another mechanism, and names no file outside the register', () => {
    assert.deepEqual(retentionCoverage(fileIds, [...retentionSources, ...otherDisposals]), { uncovered: [], unknown: [] });
  });

  it('names a file left without a rule, and a file id the register does not hold', () => {
    const withoutMail = [...retentionSources, ...otherDisposals.filter((o) => o.fileId !== 'mail_outbox'), { fileId: 'card_waitlist' }];
    assert.deepEqual(retentionCoverage(fileIds, withoutMail), { uncovered: ['mail_outbox'], unknown: ['card_waitlist'] });
  });

  it('gives each source an id of its own, as module.kind', () => {
    const ids = retentionSources.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*$/);
  });
});
