// 個人の経過: one person's whole case in a programme — the taxpayer's figures as the tax system's file gave them, the
// 庁内連携 row, the decision with how it was reached (amounts, counts, shortfalls, the exclusion's words, the
// explanation's lines and the rule version), the steps the ledger allows now, then the slices' sections (letters and
// replies, accounts, transfers and receivables) given as children.
import type { Children } from '@kitajs/html';
import type { Capability } from '../../../../platform/access/capabilities.ts';
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { formatInstant, pick } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { Notice, type PageNotice } from '../../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { type LedgerStep, ledgerStates, ledgerSteps } from '../../domain/ledger-state.ts';
import type { LedgerCase } from '../../ledger/store.ts';
import { exclusionText, LEDGER_PATH, yenIn } from './ledger-page.tsx';

const letters = { anchor: 'letters', ja: '通知・返信・決定', en: 'Letters, replies and decisions', capability: 'benefits.ledger.manage' } as const;
const payments = { anchor: 'payments', ja: '振込・返還金', en: 'Transfers and receivables' } as const;

/** Where each step's form is (the section of the slice that takes it), and who may take it. */
export const stepSection: Record<LedgerStep, { anchor: string; ja: string; en: string; capability: Capability }> = {
  notify: letters,
  reply: letters,
  decide: letters,
  reject: letters,
  settle: { ...payments, capability: 'benefits.payments.approve' },
  return: { ...payments, capability: 'benefits.payments.prepare' },
  correct: { anchor: 'accounts', ja: '口座', en: 'Account', capability: 'benefits.accounts.manage' },
};

export interface CasePageProps extends PageContext {
  programme: { id: string; ja: string; en: string; incomeCap?: number | undefined };
  found: LedgerCase;
  /** The steps the ledger allows from the current state (stepsFrom) that the staff member may take. */
  steps: LedgerStep[];
  notice?: PageNotice | undefined;
  children?: Children;
}

const yesNo = (lang: Lang, b: boolean) => t(lang, b ? 'はい' : 'いいえ', b ? 'Yes' : 'No');

function Facts({ rows }: { rows: Array<[string, string]> }) {
  return (
    <dl class="facts">
      {rows.map(([k, v]) => <><dt safe>{k}</dt><dd safe>{v}</dd></>)}
    </dl>
  );
}

export function CasePage(p: CasePageProps) {
  const { lang, found: { taxpayer: tp, linkage, decision } } = p;
  const title = t(lang, `個人の経過: ${tp.name}`, `Case: ${tp.name}`);
  const list = `${LEDGER_PATH}?programme=${encodeURIComponent(p.programme.id)}`;
  return (
    <ConsoleLayout {...p} title={title}>
      <p><a href={list} safe>{t(lang, '← 給付台帳に戻る', '← Back to the ledger')}</a></p>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <p safe>{t(lang, `${p.programme.ja}（${p.programme.id}）`, `${p.programme.en} (${p.programme.id})`)}</p>

      <section aria-labelledby="taxpayer">
        <h2 id="taxpayer" safe>{t(lang, '対象者（課税情報）', 'Taxpayer (tax figures)')}</h2>
        <Facts rows={[
          [t(lang, '住記個人番号', 'Registry number'), tp.residentNumber],
          [t(lang, '宛名番号', 'Addressee number'), tp.addresseeNumber],
          [t(lang, '氏名', 'Name'), tp.name],
          [t(lang, '氏名カナ', 'Name in kana'), tp.nameKana],
          [t(lang, '生年月日', 'Date of birth'), tp.birthDate],
          [t(lang, '性別', 'Sex'), tp.sex],
          [t(lang, '住所', 'Address'), `〒${tp.postalCode} ${tp.address}${tp.building ? ` ${tp.building}` : ''}`],
          [t(lang, '住民状態', 'Residence'), tp.statusDate ? `${tp.status}（${tp.statusDate}）` : tp.status],
          [t(lang, '課税年度', 'Fiscal year'), String(tp.fiscalYear)],
          [t(lang, '合計所得金額', 'Total income'), yenIn(lang, tp.totalIncome)],
          [t(lang, '推計所得税額', 'Estimated income tax'), yenIn(lang, tp.estimatedIncomeTax)],
          [t(lang, '個人住民税所得割額', 'Resident tax income levy'), yenIn(lang, tp.residentIncomeLevy)],
          [t(lang, '配偶者区分', 'Spouse class'), tp.spouseClass || t(lang, 'なし', 'none')],
          [t(lang, '配偶者 国外居住・事業専従者', 'Spouse abroad / family employee'), `${yesNo(lang, tp.spouseAbroad)} / ${yesNo(lang, tp.spouseBusinessEmployee)}`],
          [t(lang, '扶養親族（国内・国外）', 'Dependants (in Japan / abroad)'), `${tp.dependantsDomestic} / ${tp.dependantsAbroad}`],
          [t(lang, '事業専従者', 'Family employees'), String(tp.familyEmployees)],
        ]} />
      </section>

      <section aria-labelledby="linkage">
        <h2 id="linkage" safe>{t(lang, '統合宛名番号・前住所地', 'Linkage (integrated number, previous address)')}</h2>
        {linkage ? (
          <Facts rows={[
            [t(lang, '団体内統合宛名番号', 'Integrated addressee number'), linkage.integratedNumber],
            [t(lang, '前住所地コード', 'Previous municipality'), linkage.previousMunicipalityCode || t(lang, 'なし', 'none')],
            [t(lang, '住民となった日', 'Resident since'), linkage.residentSince],
          ]} />
        ) : <p role="status" safe>{t(lang, '連携データがありません（統合宛名番号・前住所地データ未取込）。', 'No linkage row (the linkage file does not list this person).')}</p>}
      </section>

      <section aria-labelledby="decision">
        <h2 id="decision" safe>{t(lang, '支給額の算定', 'The decision')}</h2>
        {decision ? (
          <>
            <Facts rows={[
              [t(lang, '状態', 'State'), `${pick(lang, ledgerStates[decision.state])}（${formatInstant(decision.stateChangedAt)}）`],
              [t(lang, '支給額', 'Amount'), decision.eligible ? yenIn(lang, decision.amount) : t(lang, '支給なし', 'Nothing to pay')],
              [t(lang, '対象人数（所得税分・住民税分）', 'Persons counted (income tax / resident tax)'), `${decision.countIncomeTax} / ${decision.countResidentTax}`],
              [t(lang, '所得税分控除不足額', 'Income tax shortfall'), yenIn(lang, decision.incomeTaxShortfall)],
              [t(lang, '住民税分控除不足額', 'Resident tax shortfall'), yenIn(lang, decision.residentTaxShortfall)],
              ...(decision.exclusionCode ? [[t(lang, '対象外の理由', 'Why excluded'), exclusionText(lang, decision.exclusionCode, p.programme.incomeCap)] as [string, string]] : []),
              [t(lang, '算定ルール', 'Rule version'), decision.ruleVersion],
              [t(lang, '算定日時', 'Computed at'), formatInstant(decision.computedAt)],
            ]} />
            <h3 safe>{t(lang, '算定の内訳', 'How the amount was computed')}</h3>
            <ol>{(lang === 'en' ? decision.explanation.en : decision.explanation.ja).map((line) => <li safe>{line}</li>)}</ol>
            <h3 safe>{t(lang, 'この状態でできる手続き', 'Steps allowed now')}</h3>
            {p.steps.length === 0 ? <p safe>{t(lang, 'なし（この状態で行える手続きはありません）', 'None (nothing you may do in this state)')}</p> : (
              <ul class="next-steps">
                {p.steps.map((s) => <li><a href={`#${stepSection[s].anchor}`} safe>{`${pick(lang, ledgerSteps[s])}（${pick(lang, stepSection[s])}）`}</a></li>)}
              </ul>
            )}
          </>
        ) : <p role="status" safe>{t(lang, 'まだ算定されていません（支給対象者の算定を実行してください）。', 'Not computed yet (run the targets computation).')}</p>}
      </section>
      {p.children}
    </ConsoleLayout>
  );
}
