// A stored letter or decision drawn again as its PDF: the person and the target's explanation as the ledger holds
// them, the letter's own figures (kind, amount, rule version, deadline), and a confirmation form's reply code made
// again from the municipality's secret (the ledger keeps only its hash).
import { AppError } from '../../../platform/errors.ts';
import { renderDecisionPdf } from '../decisions/pdf/decision-pdf.ts';
import { decisionOf } from '../decisions/store.ts';
import type { BenefitsDeps } from '../console/deps.ts';
import { benefitLedgerFile } from '../domain/personal-data.ts';
import { findLedgerProgramme } from '../programmes.ts';
import type { LetterIssuer } from './pdf/draw.ts';
import { renderLetterPdf } from './pdf/letter-pdf.ts';
import { replyCodeOf } from './send.ts';
import { lettersOf, type PrintedPerson, printedPerson } from './store.ts';

/** The online reply page printed on a confirmation form. */
export const REPLY_PATH = '/benefits/reply';

async function issuer(deps: Pick<BenefitsDeps, 'municipality'>): Promise<LetterIssuer> {
  const m = await deps.municipality();
  if (!m) throw new AppError('not_found');
  return { nameJa: m.nameJa, mayorTitle: m.mayorTitleJa, department: benefitLedgerFile.department.ja };
}

const addressee = (p: PrintedPerson) => ({ name: p.name, postalCode: p.postalCode, address: p.address, building: p.building });
const programmeName = (id: string) => findLedgerProgramme(id)?.programme.names.ja ?? id;

/** Letter `letterNumber` of the person as its PDF, or undefined when there is no such letter. */
export async function letterPdfOf(deps: BenefitsDeps, municipalityCode: string, programmeId: string, residentNumber: string, letterNumber: number): Promise<Buffer | undefined> {
  const [person, letters] = await Promise.all([
    printedPerson(deps.db.kysely, municipalityCode, programmeId, residentNumber),
    lettersOf(deps.db.kysely, municipalityCode, programmeId, residentNumber),
  ]);
  const letter = letters.find((l) => l.letterNumber === letterNumber);
  if (!person || !letter) return undefined;
  const reply = letter.kind === 'confirmation'
    ? { url: `${deps.config.publicUrl.replace(/\/$/, '')}${REPLY_PATH}`, code: replyCodeOf(await deps.cipher(municipalityCode), programmeId, residentNumber, letterNumber) }
    : undefined;
  return renderLetterPdf({
    issuer: await issuer(deps), programmeName: programmeName(programmeId), to: addressee(person), reference: residentNumber,
    letter: { kind: letter.kind, amount: letter.amount, ruleVersion: letter.ruleVersion, deadline: letter.replyDeadline, sentOn: letter.sentOn },
    explanation: person.explanation.ja, reply,
  });
}

/** The person's decision notice (支給決定通知書 / 却下通知書) as its PDF, or undefined before a decision. */
export async function decisionPdfOf(deps: BenefitsDeps, municipalityCode: string, programmeId: string, residentNumber: string): Promise<Buffer | undefined> {
  const [person, decision] = await Promise.all([
    printedPerson(deps.db.kysely, municipalityCode, programmeId, residentNumber),
    decisionOf(deps.db.kysely, municipalityCode, programmeId, residentNumber),
  ]);
  if (!person || !decision) return undefined;
  return renderDecisionPdf({
    issuer: await issuer(deps), programmeName: programmeName(programmeId), to: addressee(person), reference: residentNumber, explanation: person.explanation.ja,
    decision: { outcome: decision.outcome, amount: decision.amount, ruleVersion: decision.ruleVersion, decidedOn: decision.decidedOn, reason: decision.reason },
  });
}
