// ぴったりサービス取込: the upload form with the accepted format in brief (FORMAT.md in full), and after an upload either
// the receipt numbers given or every problem found with its path. No resident's data on the page.
import { t } from '../../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { formatReceiptNumber } from '../../domain/receipt-number.ts';
import type { ImportedApplication } from '../import.ts';
import { type BundleProblem, PITTARI_FORMAT } from '../reader.ts';

/** The import's address. */
export const PITTARI_PATH = '/console/applications/pittari';

export interface PittariPageProps {
  csrfToken: string;
  imported?: ImportedApplication[] | undefined;
  problems?: BundleProblem[] | undefined;
  /** A refusal without a list (duplicate, no file), already in the page's language. */
  refusal?: string | undefined;
}

/** The form, and the outcome of the last upload. */
export function PittariPage(ctx: PageContext & PittariPageProps) {
  const { lang } = ctx;
  const title = t(lang, 'ぴったりサービス申請データの取込', 'Import applications from ぴったりサービス');
  return (
    <ConsoleLayout {...ctx} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{t(lang,
        'ぴったりサービス（マイナポータル）からダウンロードした申請データの ZIP を、電子申請と同じ受付一覧に取り込みます。すべての申請・項目・添付ファイルを先に確認し、1か所でも読めないときは何も取り込まず、理由をファイルごとに表示します。同じデータは二度取り込めません。',
        'Import a ZIP of applications downloaded from ぴったりサービス (Mynaportal) into the same inbox as online applications. Every application, value and attachment is checked first; if any part cannot be read, nothing is imported and every reason is listed with its file. The same bundle cannot be imported twice.')}</p>
      {ctx.refusal ? <p class="notice notice-error" role="alert" safe>{ctx.refusal}</p> : ''}
      {ctx.problems ? (
        <div class="notice notice-error" role="alert">
          <p safe>{t(lang, `取り込みませんでした。問題が ${ctx.problems.length} 件あります。`, `Nothing was imported: ${ctx.problems.length} problems.`)}</p>
          <table class="data-table">
            <thead><tr><th scope="col" safe>{t(lang, 'ファイル', 'File')}</th><th scope="col" safe>{t(lang, '理由', 'Reason')}</th></tr></thead>
            <tbody>{ctx.problems.map((p) => <tr><td><code safe>{p.path}</code></td><td safe>{t(lang, p.ja, p.en)}</td></tr>)}</tbody>
          </table>
        </div>
      ) : ''}
      {ctx.imported ? (
        <div class="notice" role="status">
          <p safe>{t(lang, `${ctx.imported.length} 件の申請を受付一覧に取り込みました。`, `${ctx.imported.length} applications were put into the inbox.`)}</p>
          <table class="data-table">
            <thead><tr><th scope="col" safe>{t(lang, 'ぴったりサービス申請番号', 'ぴったりサービス number')}</th><th scope="col" safe>{t(lang, '受付番号', 'Receipt number')}</th></tr></thead>
            <tbody>{ctx.imported.map((i) => <tr><td safe>{i.pittariNumber}</td><td><a href={`/console/applications/${i.applicationId}`} safe>{formatReceiptNumber(i.receiptNumber)}</a></td></tr>)}</tbody>
          </table>
        </div>
      ) : ''}
      <h2 safe>{t(lang, '受け付ける形式', 'The format accepted')}</h2>
      <p safe>{t(lang,
        `ZIP の中に申請ごとのフォルダを置き、それぞれに application.json（UTF-8）と添付ファイルを入れます。application.json には format（"${PITTARI_FORMAT}"）、applicationNumber（ぴったりサービスの申請番号）、procedureCode（手続ID）、submittedAt（申請日時）、values（項目IDごとの値）、attachments（項目IDとファイル名）を書きます。`,
        `The ZIP holds one folder per application, each with an application.json (UTF-8) and the attachments. application.json gives format ("${PITTARI_FORMAT}"), applicationNumber (the portal's number), procedureCode (its procedure id), submittedAt, values (by our field ids) and attachments (field id and file name).`)}</p>
      <pre safe>{`${t(lang, '例', 'Example')}: PT-0001/application.json
{
  "format": "${PITTARI_FORMAT}",
  "applicationNumber": "PT-0001",
  "procedureCode": "pittari-water-open-close",
  "submittedAt": "2025-04-01T10:00:00+09:00",
  "values": { "name": "…", "email": "…" },
  "attachments": [{ "field": "identity_document", "file": "license.jpg" }]
}`}</pre>
      <form method="post" action={PITTARI_PATH} enctype="multipart/form-data" class="form">
        <input type="hidden" name="csrf" value={ctx.csrfToken} />
        <div class="field">
          <label for="pittari-bundle" safe>{t(lang, '申請データ（ZIP、200 MB まで）', 'Bundle (ZIP, up to 200 MB)')}</label>
          <input id="pittari-bundle" name="bundle" type="file" required accept=".zip,application/zip" />
        </div>
        <button type="submit" class="button" safe>{t(lang, '確認して取り込む', 'Check and import')}</button>
      </form>
    </ConsoleLayout>
  );
}
