// カード発送管理 (seed 001 (6), use case ⑩): the cards waiting to be put in the post (交付前設定済, or back from it) each
// with its shipment form; the shipments still out, each with its return (返戻) form; and the day's labels and covering
// letters to print. Plain forms, no script.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { Notice, type PageNotice } from '../../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { displayApplicantId } from '../../domain/applicant-id.ts';
import { cardStatuses } from '../../domain/card-status.ts';
import { defaultItem, printedPostalCode, shipmentItems, shipmentMethods } from '../rules.ts';
import type { CardToShip, Shipment } from '../store.ts';

export const SHIPPING_PATH = '/console/card/shipping';

export interface ShippingPageProps extends PageContext {
  csrf: string;
  today: string;
  toShip: readonly CardToShip[];
  out: readonly Shipment[];
  siteNames: ReadonlyMap<string, { ja: string; en: string }>;
  notice?: PageNotice | undefined;
}

const pick = (lang: Lang, b: { ja: string; en: string }) => b[lang];

function ShipForm({ lang, c, csrf, today }: { lang: Lang; c: CardToShip; csrf: string; today: string }) {
  const id = `ship-${c.applicantId}`;
  const item = defaultItem(c.visitMethod);
  return (
    <form method="post" action={`${SHIPPING_PATH}/send`} class="form">
      <input type="hidden" name="csrf" value={csrf} />
      <input type="hidden" name="applicantId" value={c.applicantId} />
      <input type="hidden" name="rowVersion" value={String(c.rowVersion)} />
      <label for={`${id}-item`} safe>{t(lang, '発送物', 'Item')}</label>
      <select id={`${id}-item`} name="item">
        {Object.entries(shipmentItems).map(([k, v]) => <option value={k} selected={k === item} safe>{pick(lang, v)}</option>)}
      </select>
      <label for={`${id}-method`} safe>{t(lang, '方法', 'Method')}</label>
      <select id={`${id}-method`} name="method">
        {Object.entries(shipmentMethods).map(([k, v]) => <option value={k} safe>{pick(lang, v)}</option>)}
      </select>
      <label for={`${id}-postal`} safe>{t(lang, '郵便番号', 'Postal code')}</label>
      <input id={`${id}-postal`} name="postalCode" required maxlength="9" inputmode="numeric" autocomplete="off" size="9" />
      <label for={`${id}-tracking`} safe>{t(lang, '追跡番号', 'Tracking number')}</label>
      <input id={`${id}-tracking`} name="trackingNumber" maxlength="30" autocomplete="off" size="16" />
      <label for={`${id}-on`} safe>{t(lang, '発送日', 'Sent on')}</label>
      <input id={`${id}-on`} name="sentOn" type="date" value={today} required />
      <label><input type="checkbox" name="externalCharacters" value="1" /> <span safe>{t(lang, '外字あり', 'Has 外字')}</span></label>
      <button type="submit" class="button button-small" safe>{t(lang, `発送を記録（${displayApplicantId(c.applicantId)}）`, `Record the shipment (${displayApplicantId(c.applicantId)})`)}</button>
    </form>
  );
}

function ReturnForm({ lang, s, csrf, today }: { lang: Lang; s: Shipment; csrf: string; today: string }) {
  const id = `return-${s.applicantId}`;
  return (
    <form method="post" action={`${SHIPPING_PATH}/return`} class="form">
      <input type="hidden" name="csrf" value={csrf} />
      <input type="hidden" name="applicantId" value={s.applicantId} />
      <label for={`${id}-on`} safe>{t(lang, '返戻日', 'Returned on')}</label>
      <input id={`${id}-on`} name="returnedOn" type="date" value={today} required />
      <label for={`${id}-reason`} safe>{t(lang, '返戻事由', 'Reason')}</label>
      <input id={`${id}-reason`} name="reason" required maxlength="200" list="return-reasons" />
      <button type="submit" class="button button-small button-secondary" safe>{t(lang, `返戻を記録（${displayApplicantId(s.applicantId)}）`, `Record the return (${displayApplicantId(s.applicantId)})`)}</button>
    </form>
  );
}

export function ShippingPage(p: ShippingPageProps) {
  const { lang } = p;
  const title = t(lang, 'カード発送管理', 'Card shipping');
  const site = (code: string) => (p.siteNames.get(code) ? pick(lang, p.siteNames.get(code)!) : code);
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <datalist id="return-reasons">
        {['宛所に尋ねあたりません', 'あて名不完全', '保管期間経過', '受取拒否', '転居先不明'].map((r) => <option value={r} />)}
      </datalist>

      <h2 safe>{t(lang, `発送待ち（${p.toShip.length}件）`, `Waiting to be sent (${p.toShip.length})`)}</h2>
      {p.toShip.length === 0 ? <p safe>{t(lang, '発送待ちのカードはありません。', 'No card is waiting to be sent.')}</p> : (
        <table class="table" id="to-ship">
          <thead><tr>
            <th scope="col" safe>{t(lang, '申請書ID', 'Application ID')}</th>
            <th scope="col" safe>{t(lang, '氏名・住所', 'Name and address')}</th>
            <th scope="col" safe>{t(lang, '状態・保管場所', 'Status and site')}</th>
            <th scope="col" safe>{t(lang, '発送・返戻', 'Sent / returned')}</th>
            <th scope="col" safe>{t(lang, '発送の記録', 'Record a shipment')}</th>
          </tr></thead>
          <tbody>
            {p.toShip.map((c) => (
              <tr>
                <td safe>{displayApplicantId(c.applicantId)}</td>
                <td><span safe>{c.name}</span><br /><span safe>{c.address}</span></td>
                <td safe>{`${pick(lang, cardStatuses[c.status])} / ${site(c.storageSiteCode)}`}</td>
                <td class="number" safe>{`${c.shipped} / ${c.returned}`}</td>
                <td><ShipForm lang={lang} c={c} csrf={p.csrf} today={p.today} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 safe>{t(lang, `発送中（${p.out.length}件）`, `In the post (${p.out.length})`)}</h2>
      {p.out.length === 0 ? <p safe>{t(lang, '発送中のものはありません。', 'Nothing is in the post.')}</p> : (
        <table class="table" id="in-post">
          <thead><tr>
            <th scope="col" safe>{t(lang, '申請書ID', 'Application ID')}</th>
            <th scope="col" safe>{t(lang, '発送物・方法・回数', 'Item, method, attempt')}</th>
            <th scope="col" safe>{t(lang, '発送日', 'Sent on')}</th>
            <th scope="col" safe>{t(lang, '宛先', 'Addressed to')}</th>
            <th scope="col" safe>{t(lang, '追跡番号', 'Tracking number')}</th>
            <th scope="col" safe>{t(lang, '返戻の記録', 'Record a return')}</th>
          </tr></thead>
          <tbody>
            {p.out.map((s) => (
              <tr>
                <td safe>{displayApplicantId(s.applicantId)}</td>
                <td safe>{`${pick(lang, shipmentItems[s.item])}・${pick(lang, shipmentMethods[s.method])}・${s.attempt}`}</td>
                <td safe>{s.sentOn}</td>
                <td><span safe>{s.name}</span><br /><span safe>{`${printedPostalCode(s.postalCode)} ${s.address}`}</span></td>
                <td safe>{s.trackingNumber ?? ''}</td>
                <td><ReturnForm lang={lang} s={s} csrf={p.csrf} today={p.today} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 safe>{t(lang, '宛名ラベル・送付状の印刷', 'Print labels and covering letters')}</h2>
      <form method="get" action={`${SHIPPING_PATH}/labels.pdf`} class="form">
        <div class="field">
          <label for="print-day" safe>{t(lang, '発送日', 'Sent on')}</label>
          <input id="print-day" name="day" type="date" value={p.today} required />
        </div>
        <button type="submit" class="button" safe>{t(lang, '宛名ラベル（PDF）', 'Address labels (PDF)')}</button>
        <button type="submit" class="button button-secondary" formaction={`${SHIPPING_PATH}/letters.pdf`} safe>{t(lang, '送付状（PDF）', 'Covering letters (PDF)')}</button>
      </form>
    </ConsoleLayout>
  );
}

/** A shipment or return refused: what was wrong, and the way back to the lists. */
export function ShippingRefusedPage(p: PageContext & { notice: PageNotice }) {
  const title = t(p.lang, 'カード発送管理', 'Card shipping');
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <p><a href={SHIPPING_PATH} safe>{t(p.lang, '発送管理に戻る', 'Back to card shipping')}</a></p>
    </ConsoleLayout>
  );
}
