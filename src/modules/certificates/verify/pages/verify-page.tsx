// 証明書の真正性確認 (public, no login, no JavaScript): the QR opens this page with the signed payload; or a person
// types the certificate number. The answer is 有効 / 失効 / 不明 / 不正, with the signed values to hold against the paper.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { formatInstant, pick } from '../../../../platform/ui/format.ts';
import { PortalLayout } from '../../../../platform/ui/layout.tsx';
import { formatFiscalYear, formatLuhnNumber, formatWareki } from '../../../../platform/text/index.ts';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import type { KeyAmountName } from '../../domain/printed.ts';
import { formatAmount } from '../../domain/printed.ts';
import { certificateTypes } from '../../domain/tax-record.ts';
import type { Verification } from '../verify.ts';

const amountLabels: Record<KeyAmountName, { ja: string; en: string }> = {
  aggregateIncome: { ja: '合計所得金額', en: 'Total income (合計所得金額)' },
  totalIncome: { ja: '総所得金額', en: 'Gross income (総所得金額)' },
  taxableBase: { ja: '課税標準額', en: 'Taxable base (課税標準額)' },
  incomeLevy: { ja: '所得割額（市・県）', en: 'Income levy, city and prefecture (所得割)' },
  perCapita: { ja: '均等割額（市・県）', en: 'Per-capita levy, city and prefecture (均等割)' },
  annualTotal: { ja: '年税額', en: 'Annual tax (年税額)' },
};

const verdicts = {
  valid: { ja: '有効: この証明書は本市が発行したものです', en: 'Valid: this certificate was issued by the municipality' },
  revoked: { ja: '失効: この証明書は取り消されています', en: 'Revoked: this certificate has been withdrawn' },
  unknown: { ja: '不明: この番号の証明書は見つかりません', en: 'Unknown: no certificate with this number' },
  invalid: { ja: '不正: 署名が確認できません（改ざんまたは偽造の疑い）', en: 'Invalid: the signature does not verify (altered or forged)' },
} as const;

export interface VerifyPageProps extends Pick<PageContext, 'lang' | 'path' | 'municipalityName'> {
  numberInput: string;
  result?: Verification | undefined;
  problem?: string | undefined;
}

function Values({ lang, result }: { lang: Lang; result: Extract<Verification, { values: unknown }> }) {
  const v = result.values;
  return (
    <dl class="facts">
      <dt safe>{t(lang, '証明書番号', 'Certificate number')}</dt><dd safe>{formatLuhnNumber(v.certificateNumber)}</dd>
      <dt safe>{t(lang, '種類', 'Type')}</dt><dd safe>{pick(lang, certificateTypes[v.type])}</dd>
      <dt safe>{t(lang, '年度', 'Fiscal year')}</dt><dd safe>{formatFiscalYear(v.fiscalYear)}</dd>
      <dt safe>{t(lang, '発行日', 'Issued on')}</dt><dd safe>{formatWareki(v.issueDate)}</dd>
      <dt safe>{t(lang, '氏名', 'Name')}</dt><dd safe>{v.name}</dd>
      {Object.entries(v.amounts).map(([name, amount]) => (
        <>
          <dt safe>{pick(lang, amountLabels[name as KeyAmountName])}</dt>
          <dd safe>{amount === undefined ? '' : formatAmount(amount)}</dd>
        </>
      ))}
    </dl>
  );
}

export function VerifyPage(p: VerifyPageProps) {
  const { lang, result } = p;
  const title = t(lang, '証明書の真正性確認', 'Verify a certificate');
  return (
    <PortalLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      {result ? (
        <section aria-labelledby="verify-result" class={`verify-result verify-${result.state}`}>
          <h2 id="verify-result" safe>{pick(lang, verdicts[result.state])}</h2>
          {result.state === 'revoked' ? (
            <p><span safe>{t(lang, `失効日時: ${formatInstant(result.revokedAt)} ／ 理由: `, `Revoked at ${formatInstant(result.revokedAt)}. Reason: `)}</span><span safe>{result.reason}</span></p>
          ) : ''}
          {'values' in result ? (
            <>
              <p safe>{t(lang, '紙面の記載が次の内容と一致することを確認してください。', 'Check that the paper shows exactly these values.')}</p>
              <Values lang={lang} result={result} />
            </>
          ) : ''}
        </section>
      ) : ''}
      {p.problem ? <p class="notice notice-error" role="alert" safe>{p.problem}</p> : ''}
      <form method="get" action="/verify" class="form">
        <div class="field">
          <label for="verify-number" safe>{t(lang, '証明書番号（12桁）', 'Certificate number (12 digits)')}</label>
          <input id="verify-number" name="number" value={p.numberInput} inputmode="numeric" autocomplete="off" />
        </div>
        <button type="submit" class="button" safe>{t(lang, '確認する', 'Verify')}</button>
      </form>
      <p safe>
        {t(lang,
          '証明書左下の QR コードをスマートフォンで読み取ると、このページで署名を確認できます。署名は公開鍵（/.well-known/madoguchi/keys.json）でオフラインでも検証できます。',
          'Scanning the QR code at the bottom left of the certificate with a phone opens this page. The signature can also be checked offline against the published keys (/.well-known/madoguchi/keys.json).')}
      </p>
    </PortalLayout>
  );
}
