// A person's case page put together: the ledger's part (ledger/store.ts) and the sections of the slices (letters,
// accounts, payments), each loaded by its own case function and rendered by its own section component with the
// actions the staff member may take now.
import type { Capability } from '../../../platform/access/capabilities.ts';
import { pick } from '../../../platform/ui/format.ts';
import type { PageNotice } from '../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../shell/pages/page-context.ts';
import { type LedgerStep, ledgerSteps, stepsFrom } from '../domain/ledger-state.ts';
import { accountCase } from '../accounts/case.ts';
import { AccountCaseSection } from '../accounts/pages/case-section.tsx';
import { ledgerCase } from '../ledger/store.ts';
import { letterCase } from '../letters/case.ts';
import { LetterCaseSection } from '../letters/pages/case-section.tsx';
import { paymentCase } from '../payments/case.ts';
import { PaymentCaseSection } from '../payments/pages/case-section.tsx';
import { pageNotice } from '../payments/pages/common.tsx';
import type { BenefitsDeps } from './deps.ts';
import { CasePage, type CasePageProps, stepSection } from './pages/case-page.tsx';
import { casePath } from './pages/ledger-page.tsx';

export interface CaseViewOptions {
  municipalityCode: string;
  programme: CasePageProps['programme'];
  residentNumber: string;
  csrf: string;
  may: (capability: Capability) => boolean;
  /** What a form of the page just did (the `done` of the address it came back to). */
  done?: string | undefined;
}

/** What a section's form just did: a ledger step by its name, or a payments form's own words. */
function doneNotice(lang: 'ja' | 'en', done: string | undefined): PageNotice | undefined {
  if (done && Object.hasOwn(ledgerSteps, done)) {
    const step = ledgerSteps[done as LedgerStep];
    return { kind: 'done', text: lang === 'en' ? `Done: ${step.en}.` : `「${pick(lang, step)}」を登録しました。` };
  }
  return pageNotice(lang, done);
}

/** The case page's renderer, or undefined when the programme has no such person in the municipality. */
export async function caseView(deps: BenefitsDeps, o: CaseViewOptions): Promise<((ctx: PageContext) => string | Promise<string>) | undefined> {
  const { db } = deps;
  const [found, letters, accounts, payments] = await Promise.all([
    ledgerCase(db.kysely, o.municipalityCode, o.programme.id, o.residentNumber),
    letterCase(db.kysely, o.municipalityCode, o.programme.id, o.residentNumber),
    accountCase(db.kysely, o.municipalityCode, o.residentNumber),
    paymentCase(db, o.municipalityCode, o.programme.id, o.residentNumber),
  ]);
  if (!found) return undefined;
  const back = casePath(o.residentNumber, o.programme.id);
  const steps = found.decision ? stepsFrom(found.decision.state).filter((step) => o.may(stepSection[step].capability)) : [];
  const section = { csrf: o.csrf, may: o.may, back };
  return (ctx) => (
    <CasePage {...ctx} programme={o.programme} found={found} steps={steps} notice={doneNotice(ctx.lang, o.done)}>
      {letters ? <LetterCaseSection lang={ctx.lang} data={letters} {...section} /> : ''}
      <AccountCaseSection lang={ctx.lang} data={accounts} {...section} />
      {payments ? <div id="payments"><PaymentCaseSection lang={ctx.lang} data={payments} {...section} /></div> : ''}
    </CasePage>
  );
}
