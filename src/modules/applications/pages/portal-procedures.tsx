// オンライン申請の一覧 and each procedure's page: what it is, who may apply, the fee, the personal data it collects and
// why (利用目的の明示, before any form), and the button that starts a draft.
import { t } from '../../../platform/http/language.ts';
import { PortalLayout } from '../../../platform/ui/layout.tsx';
import type { ProcedureDefinition } from '../domain/procedure.ts';
import { feeLine, pick, type PortalPageContext } from './portal-common.tsx';
import { PurposeNotice } from './purpose-notice.tsx';

/** The list of procedures residents can apply for. */
export function ProcedureListPage(p: PortalPageContext & { procedures: ProcedureDefinition[] }) {
  const { lang } = p;
  const title = t(lang, 'オンライン申請', 'Apply online');
  return (
    <PortalLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      {p.procedures.length === 0 ? <p safe>{t(lang, '現在オンラインで申請できる手続きはありません。', 'No procedure can be applied for online at present.')}</p> : ''}
      <ul class="service-list">
        {p.procedures.map((d) => (
          <li class="service-card">
            <h2><a href={`/procedures/${d.id}`} safe>{pick(lang, d.title)}</a></h2>
            <dl class="facts">
              <dt safe>{t(lang, '担当', 'Department')}</dt><dd safe>{pick(lang, d.department)}</dd>
              <dt safe>{t(lang, '手数料', 'Fee')}</dt><dd safe>{feeLine(lang, d)}</dd>
              <dt safe>{t(lang, '本人確認書類', 'Identity document')}</dt>
              <dd safe>{d.identityDocumentsRequired ? t(lang, '必要（画像を添付）', 'Required (attach an image)') : t(lang, '不要', 'Not needed')}</dd>
            </dl>
          </li>
        ))}
      </ul>
      <p><a href="/applications/status" safe>{t(lang, '申請状況を確認する', 'Check the status of an application')}</a></p>
    </PortalLayout>
  );
}

/** One procedure's page, ending with the start button. */
export function ProcedurePage(p: PortalPageContext & { definition: ProcedureDefinition; csrfToken: string }) {
  const { lang, definition: d } = p;
  const title = pick(lang, d.title);
  return (
    <PortalLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{pick(lang, d.description)}</p>
      <h2 safe>{t(lang, '申請できる方', 'Who can apply')}</h2>
      <p safe>{pick(lang, d.eligibility)}</p>
      <dl class="facts">
        <dt safe>{t(lang, '手数料', 'Fee')}</dt>
        <dd safe>{`${feeLine(lang, d)}${d.fee ? t(lang, '（クレジットカード・スマートフォン決済）', ' (card or smartphone wallet)') : ''}`}</dd>
        <dt safe>{t(lang, '本人確認書類', 'Identity document')}</dt>
        <dd safe>{d.identityDocumentsRequired ? t(lang, '必要（JPEG・PNG・HEIC・PDF、10MBまで）', 'Required (JPEG, PNG, HEIC or PDF, up to 10 MB)') : t(lang, '不要', 'Not needed')}</dd>
        <dt safe>{t(lang, '担当', 'Department')}</dt><dd safe>{pick(lang, d.department)}</dd>
      </dl>
      <PurposeNotice lang={lang} definition={d} />
      <form method="post" action={`/procedures/${d.id}/start`} class="form">
        <input type="hidden" name="csrf" value={p.csrfToken} />
        <p safe>{t(lang, '上記の取扱いを確認のうえ、申請を始めてください。', 'Please read the above, then start the application.')}</p>
        <button type="submit" class="button" safe>{t(lang, '申請を始める', 'Start the application')}</button>
      </form>
    </PortalLayout>
  );
}
