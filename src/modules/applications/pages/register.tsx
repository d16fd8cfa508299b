// 個人情報項目一覧: the register of personal-data items across all procedures, as Suita's council asked for it — first
// which procedures hold each category (要配慮, 個人番号, …), then each procedure's items with purpose, basis, retention,
// recipients and encryption — and the CSV to keep offline.
import type { Lang } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../shell/pages/page-context.ts';
import { dataCategories, protectedCategories } from '../domain/procedure.ts';
import type { CategorySummary, RegisterRow } from '../register.ts';

/** The register's address; its CSV is at the same address with .csv. */
export const REGISTER_PATH = '/console/applications/register';

type Bilingual = { ja: string; en: string };

const registerTitle = (lang: Lang) => t(lang, '個人情報項目一覧（手続き別）', 'Personal-data register (by procedure)');

function SummaryTable({ lang, summary }: { lang: Lang; summary: CategorySummary[] }) {
  const l = (b: Bilingual) => b[lang];
  return (
    <table class="data-table" id="register-summary">
      <caption safe>{t(lang, '区分ごとの項目数と、その区分を扱う手続き', 'Items per category, and the procedures holding them')}</caption>
      <thead>
        <tr>{[t(lang, '区分', 'Category'), t(lang, '項目数', 'Items'), t(lang, '扱う手続き', 'Procedures')].map((h) => <th scope="col" safe>{h}</th>)}</tr>
      </thead>
      <tbody>
        {summary.map((s) => (
          <tr data-category={s.category}>
            <th scope="row" safe>{`${l(dataCategories[s.category])}${protectedCategories.includes(s.category) ? t(lang, '（暗号化）', ' (encrypted)') : ''}`}</th>
            <td safe>{String(s.items)}</td>
            <td safe>{s.procedures.length ? s.procedures.map((p) => `${l(p.title)} (${p.items})`).join(t(lang, '、', ', ')) : t(lang, 'なし', 'none')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ProcedureSection({ lang, rows }: { lang: Lang; rows: RegisterRow[] }) {
  const l = (b: Bilingual) => b[lang];
  const first = rows[0]!;
  const headingId = `register-${first.procedureId}`;
  const facts: Array<[string, string]> = [
    [t(lang, '担当部署', 'Department'), l(first.department)],
    [t(lang, '版', 'Version'), String(first.version)],
    [t(lang, '根拠法令等', 'Legal basis'), l(first.legalBasis)],
    [t(lang, '保存期間', 'Retention'), `${t(lang, `${first.retentionYears}年`, `${first.retentionYears} years`)} — ${l(first.retentionNote)}`],
    [t(lang, '提供先', 'Recipients'), l(first.recipients)],
    [t(lang, '本人確認書類', 'Identity documents'), first.identityDocumentsRequired ? t(lang, '必要（暗号化して保存）', 'Required (stored encrypted)') : t(lang, '不要', 'Not required')],
    [t(lang, '決済', 'Payment'), first.payment ? l(first.payment) : t(lang, '手数料なし', 'No fee')],
  ];
  return (
    <section aria-labelledby={headingId} data-procedure={first.procedureId}>
      <h3 id={headingId} safe>{l(first.procedureTitle)}</h3>
      <dl class="facts">{facts.map(([k, v]) => <><dt safe>{k}</dt><dd safe>{v}</dd></>)}</dl>
      <table class="data-table">
        <caption class="visually-hidden" safe>{t(lang, `${first.procedureTitle.ja} の項目`, `Items of ${first.procedureTitle.en}`)}</caption>
        <thead>
          <tr>{[t(lang, '項目', 'Item'), t(lang, '区分', 'Category'), t(lang, '必須', 'Required'), t(lang, '利用目的', 'Purpose'), t(lang, '暗号化', 'Encrypted')]
            .map((h) => <th scope="col" safe>{h}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr data-field={r.fieldId} data-category={r.category}>
              <th scope="row" safe>{l(r.fieldLabel)}</th>
              <td safe>{l(dataCategories[r.category])}</td>
              <td safe>{r.required ? t(lang, '必須', 'Yes') : t(lang, '任意', 'No')}</td>
              <td safe>{l(r.purpose)}</td>
              <td safe>{r.encrypted ? t(lang, 'あり', 'Yes') : t(lang, 'なし', 'No')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The register page. */
export function RegisterPage(ctx: PageContext & { rows: RegisterRow[]; summary: CategorySummary[] }) {
  const { lang } = ctx;
  const byProcedure = new Map<string, RegisterRow[]>();
  for (const r of ctx.rows) byProcedure.set(r.procedureId, [...(byProcedure.get(r.procedureId) ?? []), r]);
  return (
    <ConsoleLayout {...ctx} title={registerTitle(lang)}>
      <h1 safe>{registerTitle(lang)}</h1>
      <p safe>{t(lang,
        'オンライン申請の各手続きが扱う個人情報の項目を、区分・利用目的・根拠法令・保存期間・提供先・暗号化の有無とともに一覧にしたものです。各手続きの最新の版から作成しています。',
        'Every personal-data item the online procedures collect, with its category, purpose, legal basis, retention, recipients and whether it is encrypted, from the newest version of each procedure.')}</p>
      <p class="notice" role="note" safe>{t(lang,
        'CSV をダウンロードし、システムの外（印刷または別媒体）に保管してください。万一の漏えい時にシステムを停止しても、どの手続きのどの項目が影響を受けうるかをこの一覧で確認できます。手続き定義を変更したら、保管している CSV も更新してください。',
        'Download the CSV and keep it outside the system (printed or on separate media): should data leak and the system have to be stopped, it still tells which items of which procedures may be affected. Download it again whenever a procedure changes.')}</p>
      <p class="actions">
        <a href={`${REGISTER_PATH}.csv`} download="personal-data-register.csv" safe>{t(lang, 'CSV（UTF-8）をダウンロード', 'Download CSV (UTF-8)')}</a>
        {' '}
        <a href={`${REGISTER_PATH}.csv?encoding=sjis`} download="personal-data-register-sjis.csv" safe>{t(lang, 'CSV（Shift_JIS）をダウンロード', 'Download CSV (Shift_JIS)')}</a>
      </p>
      {ctx.rows.length === 0 ? <p safe>{t(lang, '手続き定義がまだ読み込まれていません。', 'No procedure has been loaded yet.')}</p> : (
        <>
          <h2 safe>{t(lang, '区分ごとの集計', 'Summary by category')}</h2>
          <SummaryTable lang={lang} summary={ctx.summary} />
          <h2 safe>{t(lang, '手続きごとの項目', 'Items by procedure')}</h2>
          {[...byProcedure.values()].map((rows) => <ProcedureSection lang={lang} rows={rows} />)}
        </>
      )}
    </ConsoleLayout>
  );
}
