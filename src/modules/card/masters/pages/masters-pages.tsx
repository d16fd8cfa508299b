// マスタ管理 (administrator): the sites and types with the booking window on one page; a site's form with its
// closures and extra opening days; a type's form with the sites offering it; a site's slot templates and exceptions.
import type { Children } from '@kitajs/html';
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { Notice, type PageNotice } from '../../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import type { BookingSettings, ReservationType, Site, SlotException, SlotTemplate } from '../../domain/masters.ts';

export const MASTERS_PATH = '/console/card/masters';
export const sitePath = (code: string): string => `${MASTERS_PATH}/sites/${encodeURIComponent(code)}`;
export const typePath = (code: string): string => `${MASTERS_PATH}/types/${encodeURIComponent(code)}`;
export const slotsPath = (code: string): string => `${sitePath(code)}/slots`;

const weekdayNames = { ja: ['日', '月', '火', '水', '木', '金', '土'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };

interface Base extends PageContext {
  csrf: string;
  notice?: PageNotice | undefined;
  /** Fields the last submission got wrong, marked aria-invalid. */
  invalid?: readonly string[] | undefined;
}

const Csrf = ({ csrf }: { csrf: string }) => <input type="hidden" name="csrf" value={csrf} />;

function Field(p: { id: string; name: string; label: string; value: string | number; type?: string; invalid?: readonly string[] | undefined; required?: boolean; hint?: string }) {
  const bad = p.invalid?.includes(p.name) ?? false;
  return (
    <div class="field">
      <label for={p.id} safe>{p.label}</label>
      {p.hint ? <p class="hint" id={`${p.id}-hint`} safe>{p.hint}</p> : ''}
      <input id={p.id} name={p.name} type={p.type ?? 'text'} value={String(p.value)} required={p.required ?? false} aria-invalid={bad ? 'true' : undefined} aria-describedby={p.hint ? `${p.id}-hint` : undefined} />
    </div>
  );
}

function Area(p: { id: string; name: string; label: string; value: string; invalid?: readonly string[] | undefined }) {
  return (
    <div class="field">
      <label for={p.id} safe>{p.label}</label>
      <textarea id={p.id} name={p.name} rows="4" aria-invalid={p.invalid?.includes(p.name) ? 'true' : undefined} safe>{p.value}</textarea>
    </div>
  );
}

const Check = (p: { id: string; name: string; value: string; label: string; checked: boolean }) => (
  <div class="checkbox"><input type="checkbox" id={p.id} name={p.name} value={p.value} checked={p.checked} /><label for={p.id} safe>{p.label}</label></div>
);

function DeleteButton({ action, csrf, label }: { action: string; csrf: string; label: string }) {
  return <form method="post" action={action}><Csrf csrf={csrf} /><button type="submit" class="button button-secondary" safe>{label}</button></form>;
}

/** A master's own page: its title, the way back to the list, and what the last form did. */
function MasterPage(p: Base & { title: string; children?: Children }) {
  return (
    <ConsoleLayout {...p} title={p.title}>
      <h1 safe>{p.title}</h1>
      <p><a href={MASTERS_PATH} safe>{t(p.lang, 'マスタ一覧へ', 'Back to the masters')}</a></p>
      <Notice notice={p.notice} />
      {p.children}
    </ConsoleLayout>
  );
}

export interface MastersHomeProps extends Base { sites: Site[]; types: ReservationType[]; settings: BookingSettings }

export function MastersHome(p: MastersHomeProps) {
  const { lang } = p;
  const title = t(lang, '来庁予約マスタ', 'Card reservation masters');
  const s = p.settings;
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <h2 safe>{t(lang, '窓口', 'Sites')}</h2>
      <p><a href={sitePath('new')} safe>{t(lang, '窓口を追加', 'Add a site')}</a></p>
      <table class="table">
        <thead><tr>
          <th scope="col" safe>{t(lang, 'コード', 'Code')}</th><th scope="col" safe>{t(lang, '窓口名', 'Name')}</th><th scope="col" safe>{t(lang, '開庁', 'Open')}</th>
          <th scope="col" safe>{t(lang, '区分', 'Kind')}</th><th scope="col" safe>{t(lang, '状態', 'State')}</th><th scope="col" safe>{t(lang, '予約枠', 'Slots')}</th>
        </tr></thead>
        <tbody>
          {p.sites.map((x) => (
            <tr>
              <td><a href={sitePath(x.siteCode)} safe>{x.siteCode}</a></td>
              <td safe>{pick(lang, { ja: x.nameJa, en: x.nameEn })}</td>
              <td safe>{`${x.openWeekdays.map((d) => weekdayNames[lang][d]).join('')} ${x.opensAt}–${x.closesAt}`}</td>
              <td safe>{x.isSatellite ? t(lang, 'サテライト', 'Satellite') : t(lang, '本庁・区役所', 'Office')}</td>
              <td safe>{x.active ? t(lang, '受付中', 'Active') : t(lang, '停止', 'Inactive')}</td>
              <td><a href={slotsPath(x.siteCode)} safe>{t(lang, `予約枠（${x.siteCode}）`, `Slots (${x.siteCode})`)}</a></td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 safe>{t(lang, '予約区分', 'Reservation types')}</h2>
      <p><a href={typePath('new')} safe>{t(lang, '予約区分を追加', 'Add a type')}</a></p>
      <table class="table">
        <thead><tr>
          <th scope="col" safe>{t(lang, 'コード', 'Code')}</th><th scope="col" safe>{t(lang, '名称', 'Name')}</th><th scope="col" safe>{t(lang, '所要時間', 'Duration')}</th>
          <th scope="col" safe>{t(lang, '取扱窓口', 'Sites')}</th><th scope="col" safe>{t(lang, '状態', 'State')}</th>
        </tr></thead>
        <tbody>
          {p.types.map((x) => (
            <tr>
              <td><a href={typePath(x.typeCode)} safe>{x.typeCode}</a></td>
              <td safe>{pick(lang, { ja: x.nameJa, en: x.nameEn })}</td>
              <td safe>{t(lang, `${x.durationMinutes}分`, `${x.durationMinutes} min`)}</td>
              <td safe>{x.siteCodes.join(', ')}</td>
              <td safe>{x.active ? t(lang, '受付中', 'Active') : t(lang, '停止', 'Inactive')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 safe>{t(lang, '予約受付期間', 'Booking window')}</h2>
      <form method="post" action={`${MASTERS_PATH}/settings`} class="form">
        <Csrf csrf={p.csrf} />
        <Field id="s-opens" name="opensDaysAhead" type="number" label={t(lang, '何日前から予約を受け付けるか', 'Booking opens this many days ahead')} value={s.opensDaysAhead} invalid={p.invalid} />
        <Field id="s-closes" name="closesDaysBefore" type="number" label={t(lang, '何日前に締め切るか（0は当日）', 'Booking closes this many days before (0: the same day)')} value={s.closesDaysBefore} invalid={p.invalid} />
        <Field id="s-closes-at" name="closesAtTime" type="time" label={t(lang, '締切時刻', 'Closing time')} value={s.closesAtTime} invalid={p.invalid} />
        <Field id="s-hold" name="offerHoldHours" type="number" label={t(lang, 'キャンセル待ちの案内を保留する時間（時間）', 'Hours a waitlist offer is held')} value={s.offerHoldHours} invalid={p.invalid} />
        <Field id="s-few" name="fewThreshold" type="number" label={t(lang, '残りがこの数以下なら△', 'Show △ at or below this many places left')} value={s.fewThreshold} invalid={p.invalid} />
        <button type="submit" class="button" safe>{t(lang, '受付期間を保存', 'Save the booking window')}</button>
      </form>
    </ConsoleLayout>
  );
}

export interface SitePageProps extends Base { site: Site; isNew: boolean; closures: { date: string; reason: string }[]; overrides: { date: string; note: string }[] }

export function SitePage(p: SitePageProps) {
  const { lang, site: s } = p;
  const title = p.isNew ? t(lang, '窓口の追加', 'Add a site') : t(lang, `窓口: ${s.nameJa}`, `Site: ${s.nameEn}`);
  return (
    <MasterPage {...p} title={title}>
      <form method="post" action={`${MASTERS_PATH}/sites`} class="form">
        <Csrf csrf={p.csrf} />
        {p.isNew ? <Field id="f-code" name="siteCode" label={t(lang, '窓口コード（英小文字・数字）', 'Site code (lower-case letters, digits)')} value={s.siteCode} invalid={p.invalid} required /> : <input type="hidden" name="siteCode" value={s.siteCode} />}
        <Field id="f-name-ja" name="nameJa" label={t(lang, '窓口名', 'Name in Japanese')} value={s.nameJa} invalid={p.invalid} required />
        <Field id="f-name-en" name="nameEn" label={t(lang, '窓口名（英語）', 'Name in English')} value={s.nameEn} invalid={p.invalid} required />
        <Field id="f-address" name="address" label={t(lang, '所在地', 'Address')} value={s.address} invalid={p.invalid} />
        <Area id="f-map-ja" name="mapNoteJa" label={t(lang, '案内（日本語）', 'Directions in Japanese')} value={s.mapNoteJa} invalid={p.invalid} />
        <Area id="f-map-en" name="mapNoteEn" label={t(lang, '案内（英語）', 'Directions in English')} value={s.mapNoteEn} invalid={p.invalid} />
        <fieldset aria-invalid={p.invalid?.includes('openWeekdays') ? 'true' : undefined}>
          <legend safe>{t(lang, '開庁曜日（祝日・年末年始は休み）', 'Open on (holidays and the New Year are closed)')}</legend>
          {weekdayNames[lang].map((name, d) => <Check id={`f-wd-${d}`} name="openWeekdays" value={String(d)} label={name} checked={s.openWeekdays.includes(d as never)} />)}
        </fieldset>
        <Field id="f-opens" name="opensAt" type="time" label={t(lang, '開庁時刻', 'Opens at')} value={s.opensAt} invalid={p.invalid} />
        <Field id="f-closes" name="closesAt" type="time" label={t(lang, '閉庁時刻', 'Closes at')} value={s.closesAt} invalid={p.invalid} />
        <Field id="f-order" name="sortOrder" type="number" label={t(lang, '表示順', 'Order')} value={s.sortOrder} invalid={p.invalid} />
        <Check id="f-satellite" name="isSatellite" value="1" label={t(lang, 'サテライト', 'Satellite')} checked={s.isSatellite} />
        <Check id="f-active" name="active" value="1" label={t(lang, '住民の予約を受け付ける', 'Residents may book')} checked={s.active} />
        <button type="submit" class="button" safe>{t(lang, '窓口を保存', 'Save the site')}</button>
      </form>
      {p.isNew ? '' : (
        <>
          <h2 safe>{t(lang, '臨時休業日', 'Closures')}</h2>
          <DayList lang={lang} csrf={p.csrf} rows={p.closures.map((c) => ({ date: c.date, text: c.reason }))} action={`${sitePath(s.siteCode)}/closures`} />
          <h2 safe>{t(lang, '臨時開庁日（休日・祝日に開ける日）', 'Extra opening days (a weekend or holiday)')}</h2>
          <DayList lang={lang} csrf={p.csrf} rows={p.overrides.map((o) => ({ date: o.date, text: o.note }))} action={`${sitePath(s.siteCode)}/open-days`} />
        </>
      )}
    </MasterPage>
  );
}

function DayList({ lang, csrf, rows, action }: { lang: Lang; csrf: string; rows: { date: string; text: string }[]; action: string }) {
  const id = action.split('/').at(-1) ?? 'days';
  return (
    <>
      {rows.length === 0 ? <p safe>{t(lang, 'ありません。', 'None.')}</p> : (
        <table class="table">
          <thead><tr><th scope="col" safe>{t(lang, '日付', 'Date')}</th><th scope="col" safe>{t(lang, '理由・備考', 'Reason')}</th><th scope="col" safe>{t(lang, '操作', 'Action')}</th></tr></thead>
          <tbody>
            {rows.map((r) => <tr><td safe>{r.date}</td><td safe>{r.text}</td><td><DeleteButton action={`${action}/${r.date}/delete`} csrf={csrf} label={t(lang, `削除（${r.date}）`, `Remove (${r.date})`)} /></td></tr>)}
          </tbody>
        </table>
      )}
      <form method="post" action={action} class="form filters">
        <Csrf csrf={csrf} />
        <Field id={`${id}-date`} name="date" type="date" label={t(lang, '日付', 'Date')} value="" required />
        <Field id={`${id}-reason`} name="reason" label={t(lang, '理由・備考', 'Reason')} value="" />
        <button type="submit" class="button" safe>{t(lang, '追加', 'Add')}</button>
      </form>
    </>
  );
}

export interface TypePageProps extends Base { type: ReservationType; isNew: boolean; sites: Site[] }

export function TypePage(p: TypePageProps) {
  const { lang, type: x } = p;
  const title = p.isNew ? t(lang, '予約区分の追加', 'Add a reservation type') : t(lang, `予約区分: ${x.nameJa}`, `Type: ${x.nameEn}`);
  return (
    <MasterPage {...p} title={title}>
      <form method="post" action={`${MASTERS_PATH}/types`} class="form">
        <Csrf csrf={p.csrf} />
        {p.isNew ? <Field id="t-code" name="typeCode" label={t(lang, '手続きID（英小文字・数字・_）', 'Type code (lower-case letters, digits, _)')} value={x.typeCode} invalid={p.invalid} required /> : <input type="hidden" name="typeCode" value={x.typeCode} />}
        <Field id="t-name-ja" name="nameJa" label={t(lang, '手続きの種類', 'Name in Japanese')} value={x.nameJa} invalid={p.invalid} required />
        <Field id="t-name-en" name="nameEn" label={t(lang, '手続きの種類（英語）', 'Name in English')} value={x.nameEn} invalid={p.invalid} required />
        <Field id="t-duration" name="durationMinutes" type="number" label={t(lang, '所要時間（分）', 'Duration (minutes)')} value={x.durationMinutes} invalid={p.invalid} />
        <Field id="t-people" name="maxPeople" type="number" label={t(lang, '1件で来庁できる人数（家族）', 'People per booking (a family)')} value={x.maxPeople} invalid={p.invalid} />
        <Area id="t-docs-ja" name="documentsJa" label={t(lang, '持ち物（日本語）', 'Documents to bring, in Japanese')} value={x.documentsJa} invalid={p.invalid} />
        <Area id="t-docs-en" name="documentsEn" label={t(lang, '持ち物（英語）', 'Documents to bring, in English')} value={x.documentsEn} invalid={p.invalid} />
        <fieldset aria-invalid={p.invalid?.includes('siteCodes') ? 'true' : undefined}>
          <legend safe>{t(lang, '取扱窓口', 'Sites offering it')}</legend>
          {p.sites.map((s) => <Check id={`t-site-${s.siteCode}`} name="siteCodes" value={s.siteCode} label={pick(lang, { ja: s.nameJa, en: s.nameEn })} checked={x.siteCodes.includes(s.siteCode)} />)}
        </fieldset>
        <Field id="t-order" name="sortOrder" type="number" label={t(lang, '表示順', 'Order')} value={x.sortOrder} invalid={p.invalid} />
        <Check id="t-card-notice" name="cardNoticeRequired" value="1" label={t(lang, 'カードの受取（交付通知書番号と生年月日で予約し、カードの保管場所でのみ受け付ける）', 'Collecting a card (booked with the issue notice number and date of birth, only where the card is kept)')} checked={x.cardNoticeRequired ?? false} />
        <Check id="t-active" name="active" value="1" label={t(lang, '予約を受け付ける', 'Residents may book')} checked={x.active} />
        <button type="submit" class="button" safe>{t(lang, '予約区分を保存', 'Save the type')}</button>
      </form>
    </MasterPage>
  );
}

export interface SlotsPageProps extends Base { site: Site; types: ReservationType[]; templates: SlotTemplate[]; exceptions: SlotException[] }

export function SlotsPage(p: SlotsPageProps) {
  const { lang, site } = p;
  const title = t(lang, `予約枠: ${site.nameJa}`, `Slots: ${site.nameEn}`);
  const typeName = (code: string) => { const x = p.types.find((y) => y.typeCode === code); return x ? pick(lang, { ja: x.nameJa, en: x.nameEn }) : code; };
  const TypeSelect = ({ id }: { id: string }) => (
    <div class="field"><label for={id} safe>{t(lang, '予約区分', 'Type')}</label>
      <select id={id} name="typeCode">{p.types.map((x) => <option value={x.typeCode} safe>{pick(lang, { ja: x.nameJa, en: x.nameEn })}</option>)}</select></div>
  );
  const base = slotsPath(site.siteCode);
  return (
    <MasterPage {...p} title={title}>
      {p.types.length === 0 ? <p role="status" safe>{t(lang, 'この窓口が取り扱う予約区分がありません。予約区分の取扱窓口に加えてください。', 'No type is offered here yet: add the site to a type first.')}</p> : ''}
      <h2 safe>{t(lang, '予約枠の型（毎週）', 'Weekly slot templates')}</h2>
      <table class="table">
        <thead><tr>
          <th scope="col" safe>{t(lang, '予約区分', 'Type')}</th><th scope="col" safe>{t(lang, '曜日', 'Day')}</th><th scope="col" safe>{t(lang, '時間', 'Hours')}</th>
          <th scope="col" safe>{t(lang, '間隔', 'Every')}</th><th scope="col" safe>{t(lang, '定員', 'Places')}</th><th scope="col" safe>{t(lang, '適用期間', 'Valid')}</th><th scope="col" safe>{t(lang, '操作', 'Action')}</th>
        </tr></thead>
        <tbody>
          {p.templates.map((x) => (
            <tr>
              <td safe>{typeName(x.typeCode)}</td><td safe>{weekdayNames[lang][x.weekday]}</td><td safe>{`${x.startTime}–${x.endTime}`}</td>
              <td safe>{t(lang, `${x.intervalMinutes}分`, `${x.intervalMinutes} min`)}</td><td class="number" safe>{String(x.capacity)}</td>
              <td safe>{`${x.validFrom} – ${x.validTo ?? ''}`}</td>
              <td><DeleteButton action={`${base}/templates/${x.templateId}/delete`} csrf={p.csrf} label={t(lang, '削除', 'Remove')} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action={`${base}/templates`} class="form filters">
        <Csrf csrf={p.csrf} />
        <TypeSelect id="tp-type" />
        <div class="field"><label for="tp-weekday" safe>{t(lang, '曜日', 'Day')}</label>
          <select id="tp-weekday" name="weekday">{weekdayNames[lang].map((n, d) => <option value={String(d)} selected={d === 1} safe>{n}</option>)}</select></div>
        <Field id="tp-start" name="startTime" type="time" label={t(lang, '開始', 'From')} value="09:00" invalid={p.invalid} />
        <Field id="tp-end" name="endTime" type="time" label={t(lang, '終了', 'Until')} value="17:00" invalid={p.invalid} />
        <Field id="tp-interval" name="intervalMinutes" type="number" label={t(lang, '間隔（分）', 'Every (minutes)')} value="30" invalid={p.invalid} />
        <Field id="tp-capacity" name="capacity" type="number" label={t(lang, '定員', 'Places')} value="2" invalid={p.invalid} />
        <Field id="tp-from" name="validFrom" type="date" label={t(lang, '適用開始日', 'Valid from')} value="" invalid={p.invalid} required />
        <Field id="tp-to" name="validTo" type="date" label={t(lang, '適用終了日（空欄は無期限）', 'Valid to (empty: open-ended)')} value="" invalid={p.invalid} />
        <button type="submit" class="button" safe>{t(lang, '型を追加', 'Add the template')}</button>
      </form>
      <h2 safe>{t(lang, '例外（臨時枠・枠の停止）', 'Exceptions (extra or closed slots)')}</h2>
      <table class="table">
        <thead><tr>
          <th scope="col" safe>{t(lang, '日付', 'Date')}</th><th scope="col" safe>{t(lang, '予約区分', 'Type')}</th><th scope="col" safe>{t(lang, '種類', 'Kind')}</th>
          <th scope="col" safe>{t(lang, '時間', 'Time')}</th><th scope="col" safe>{t(lang, '定員', 'Places')}</th><th scope="col" safe>{t(lang, '備考', 'Note')}</th><th scope="col" safe>{t(lang, '操作', 'Action')}</th>
        </tr></thead>
        <tbody>
          {p.exceptions.map((x) => (
            <tr>
              <td safe>{x.date}</td><td safe>{typeName(x.typeCode)}</td>
              <td safe>{x.kind === 'extra' ? t(lang, '臨時枠', 'Extra slot') : x.startTime ? t(lang, '枠の停止', 'Slot closed') : t(lang, '終日停止', 'Day closed')}</td>
              <td>{x.startTime ? `${x.startTime}${x.endTime ? `–${x.endTime}` : ''}` : ''}</td><td class="number" safe>{x.capacity === null ? '' : String(x.capacity)}</td><td safe>{x.note}</td>
              <td><DeleteButton action={`${base}/exceptions/${x.exceptionId}/delete`} csrf={p.csrf} label={t(lang, '削除', 'Remove')} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action={`${base}/exceptions`} class="form filters">
        <Csrf csrf={p.csrf} />
        <TypeSelect id="ex-type" />
        <Field id="ex-date" name="date" type="date" label={t(lang, '日付', 'Date')} value="" invalid={p.invalid} required />
        <div class="field"><label for="ex-kind" safe>{t(lang, '種類', 'Kind')}</label>
          <select id="ex-kind" name="kind"><option value="extra" safe>{t(lang, '臨時枠を追加', 'Add an extra slot')}</option><option value="closed" safe>{t(lang, '枠・終日を停止', 'Close a slot or the day')}</option></select></div>
        <Field id="ex-start" name="startTime" type="time" label={t(lang, '開始（停止で空欄なら終日）', 'Start (closing: empty for the whole day)')} value="" invalid={p.invalid} />
        <Field id="ex-end" name="endTime" type="time" label={t(lang, '終了（臨時枠）', 'End (extra slot)')} value="" invalid={p.invalid} />
        <Field id="ex-capacity" name="capacity" type="number" label={t(lang, '定員（臨時枠）', 'Places (extra slot)')} value="" invalid={p.invalid} />
        <Field id="ex-note" name="note" label={t(lang, '備考', 'Note')} value="" invalid={p.invalid} />
        <button type="submit" class="button" safe>{t(lang, '例外を追加', 'Add the exception')}</button>
      </form>
    </MasterPage>
  );
}
