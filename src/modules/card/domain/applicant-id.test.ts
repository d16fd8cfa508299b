import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayApplicantId, parseApplicantId } from './applicant-id.ts';

describe('applicant IDs', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['as a barcode reader types it', '12345678901234567890123', '12345678901234567890123'],
    ['in groups of four, as printed', '1234 5678 9012 3456 7890 123', '12345678901234567890123'],
    ['in full width with dashes and an ideographic space', '１２３４－５６７８\u30009012-3456-7890-123', '12345678901234567890123'],
    ['with the Enter of the reader', '12345678901234567890123\r\n', '12345678901234567890123'],
    ['one digit short (a misread)', '1234567890123456789012', undefined],
    ['with a letter', '1234567890123456789012A', undefined],
    ['empty', '', undefined],
  ];
  for (const [name, raw, id] of cases) it(`parses one ${name}`, () => assert.equal(parseApplicantId(raw), id));

  it('shows the digits in groups of four', () => assert.equal(displayApplicantId('12345678901234567890123'), '1234 5678 9012 3456 7890 123'));
});
