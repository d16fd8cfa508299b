// 電子申請の証明書発行 (console) and 証明書のダウンロード (portal, the one-time link's page).
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { formatInstant, pick, yen } from '../../../../platform/ui/format.ts';
import { ConsoleLayout, PortalLayout } from '../../../../platform/ui/layout.tsx';
import { formatFiscalYear, formatLuhnNumber, formatWareki } from '../../../../platform/text/index.ts';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { Notice } from '../../../../platform/ui/notice.tsx';
import type { CertificateRequest } from '../../../applications/index.ts';
import { certificateTypes } from '../../domain/tax-record.ts';
import type { ResidentSummary } from '../../tax/store.ts';

export const ONLINE_PATH = '/console/certificates/online';

const verdictLabels: Record<string, { ja: string; en: string }> = {
  match: { ja: '一致', en: 'Match' },
  partial: { ja: '一部一致', en: 'Partial match' },
  multiple: { ja: '複数該当', en: 'Several candidates' },
  no_match: { ja: '該当なし', en: 'No match' },
  unreadable: { ja: '照合不能', en: 'Could not be matched' },
};

function verdictText(lang: Lang, r: CertificateRequest): string {
  if (!r.verdict) return t(lang, '未照合', 'Not matched');
  const label = pick(lang, verdictLabels[r.verdict.verdict] ?? { ja: r.verdict.verdict, en: r.verdict.verdict });
  const issuable = r.verdict.certificateIssuable === null ? '' : r.verdict.certificateIssuable ? t(lang, '（発行可）', ' (issuable)') : t(lang, '（発行不可）', ' (not issuable)');
  return `${label}${issuable}`;
}

export function OnlineListPage(p: PageContext & { requests: CertificateRequest[]; notice?: { kind: 'error' | 'done'; text: string } | undefined }) {
  const { lang } = p;
  const title = t(lang, '電子申請の証明書発行', 'Certificates applied for online');
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <p safe>{t(lang, '申請受付で承認された証明書交付申請です。対象者を確認して発行してください。', 'Certificate applications approved in the inbox. Confirm the person and issue.')}</p>
      {p.requests.length === 0 ? <p role="status" safe>{t(lang, '発行待ちの申請はありません。', 'No applications are waiting.')}</p> : (
        <table class="table">
          <thead><tr>
            <th scope="col" safe>{t(lang, '受付番号', 'Receipt')}</th><th scope="col" safe>{t(lang, '申請日時', 'Submitted')}</th>
            <th scope="col" safe>{t(lang, '証明書', 'Certificate')}</th><th scope="col" safe>{t(lang, '部数', 'Copies')}</th><th scope="col" safe>{t(lang, '審査アシスト', 'Review assist')}</th>
          </tr></thead>
          <tbody>
            {p.requests.map((r) => (
              <tr>
                <td><a href={`${ONLINE_PATH}/${r.applicationId}`} safe>{formatLuhnNumber(r.receiptNumber)}</a></td>
                <td safe>{formatInstant(r.submittedAt)}</td>
                <td safe>{`${formatFiscalYear(r.fiscalYear)} ${pick(lang, certificateTypes[r.certificateType])}`}</td>
                <td class="number" safe>{String(r.copies)}</td>
                <td safe>{verdictText(lang, r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}

export function OnlineRequestPage(p: PageContext & { request: CertificateRequest; candidates: ResidentSummary[]; notice?: { kind: 'error' | 'done'; text: string } | undefined }) {
  const { lang, request: r } = p;
  const title = t(lang, '電子申請の証明書発行', 'Issue a certificate applied for online');
  return (
    <ConsoleLayout {...p} title={title}>
      <p><a href={ONLINE_PATH} safe>{t(lang, '← 一覧に戻る', '← Back to the list')}</a></p>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <dl class="facts">
        <dt safe>{t(lang, '受付番号', 'Receipt')}</dt><dd safe>{formatLuhnNumber(r.receiptNumber)}</dd>
        <dt safe>{t(lang, '申請者', 'Applicant')}</dt><dd safe>{`${r.name}（${r.nameKana}）`}</dd>
        <dt safe>{t(lang, '生年月日', 'Birth date')}</dt><dd safe>{/^\d{4}-\d{2}-\d{2}$/.test(r.birthDate) ? formatWareki(r.birthDate) : r.birthDate}</dd>
        <dt safe>{t(lang, '住所', 'Address')}</dt><dd safe>{`〒${r.postalCode} ${r.address}`}</dd>
        <dt safe>{t(lang, '証明書', 'Certificate')}</dt><dd safe>{`${formatFiscalYear(r.fiscalYear)} ${pick(lang, certificateTypes[r.certificateType])} ${r.copies}${t(lang, '通', ' copies')}`}</dd>
        <dt safe>{t(lang, '手数料（納付済）', 'Fee (paid)')}</dt><dd safe>{yen(lang, r.feeYen)}</dd>
        <dt safe>{t(lang, '審査アシスト', 'Review assist')}</dt><dd safe>{verdictText(lang, r)}</dd>
      </dl>
      {p.candidates.length === 0 ? (
        <p class="notice notice-error" role="alert" safe>{t(lang, '氏名カナと生年月日が一致する課税情報がありません。申請受付で差し戻してください。', 'No tax record matches the name kana and birth date. Return the application in the inbox.')}</p>
      ) : (
        <form method="post" action={`${ONLINE_PATH}/${r.applicationId}/issue`} class="form">
          <input type="hidden" name="csrf" value={p.session?.csrfToken ?? ''} />
          <fieldset>
            <legend safe>{t(lang, '対象者（課税情報）', 'The person (tax records)')}</legend>
            {p.candidates.map((c, i) => (
              <div class="choice">
                <input type="radio" id={`cand-${i}`} name="residentNumber" value={c.residentNumber} checked={p.candidates.length === 1} />
                <label for={`cand-${i}`} safe>{`${c.name}（${c.nameKana}） ${formatWareki(c.birthDate)} 〒${c.postalCode} ${c.address} ${c.building}`.trim()}</label>
              </div>
            ))}
          </fieldset>
          <fieldset>
            <legend safe>{t(lang, '受け渡し', 'Delivery')}</legend>
            <div class="choice">
              <input type="radio" id="delivery-download" name="delivery" value="download" checked={Boolean(r.email)} disabled={!r.email} />
              <label for="delivery-download" safe>{t(lang, 'ダウンロード（1回限りのリンクをメールで送付）', 'Download (a one-time link by email)')}</label>
            </div>
            <div class="choice">
              <input type="radio" id="delivery-post" name="delivery" value="post" checked={!r.email} />
              <label for="delivery-post" safe>{t(lang, '郵送（PDF を印刷して送付）', 'Post (print the PDF and mail it)')}</label>
            </div>
          </fieldset>
          <button type="submit" class="button" safe>{t(lang, '証明書を発行する', 'Issue the certificate')}</button>
        </form>
      )}
    </ConsoleLayout>
  );
}

export function DownloadPage(p: Pick<PageContext, 'lang' | 'path' | 'municipalityName'> & { action: string | undefined; problem?: string | undefined }) {
  const { lang } = p;
  const title = t(lang, '証明書のダウンロード', 'Download your certificate');
  return (
    <PortalLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      {p.problem ? <p class="notice notice-error" role="alert" safe>{p.problem}</p> : ''}
      {p.action ? (
        <form method="post" action={p.action} class="form">
          <p safe>{t(lang, 'ダウンロードは1回だけできます。保存した PDF を A4 用紙に印刷してお使いください。', 'You can download it once. Save the PDF and print it on A4 paper.')}</p>
          <button type="submit" class="button" safe>{t(lang, 'PDF をダウンロード', 'Download the PDF')}</button>
        </form>
      ) : ''}
    </PortalLayout>
  );
}
