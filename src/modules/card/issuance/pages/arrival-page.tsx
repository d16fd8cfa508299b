// カード到着の読取 (seed ⑨(エ)): a clerk scans the barcodes of J-LIS's 交付一覧 one after another. The reader types the
// applicant ID and Enter, which posts this form; the answer (✓ or ✗ with why), the running count and the field, focused
// again for the next barcode, come back at once. A plain form: no script needed.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { displayApplicantId } from '../../domain/applicant-id.ts';
import { cardStatuses } from '../../domain/card-status.ts';
import type { ArrivalResult } from '../arrival.ts';
import { type DeliveryListAnswer, DeliveryListSection } from '../console/pages/delivery-list-section.tsx';

export const ARRIVALS_PATH = '/console/card/arrivals';

/** The scans of this sitting, counted on the page (the cards and the audit log hold the truth). */
export interface ArrivalTally {
  arrived: number;
  refused: number;
}

export interface ArrivalPageProps extends PageContext {
  csrf: string;
  tally: ArrivalTally;
  /** The answer to the barcode just scanned. */
  last?: ArrivalResult | undefined;
  /** Site names by code, to say where an arrived card is to be kept. */
  siteNames: ReadonlyMap<string, { ja: string; en: string }>;
  /** The answer to a delivery list uploaded as a file. */
  list?: DeliveryListAnswer | undefined;
}

/** ✓ or ✗ and what it means, in one line. */
export function arrivalMessage(lang: Lang, r: ArrivalResult, siteNames: ArrivalPageProps['siteNames']): string {
  if (r.result === 'invalid') return t(lang, `✗ 申請書ID（23桁の数字）として読み取れません: ${r.input}`, `✗ Not an application ID (23 digits): ${r.input}`);
  const id = displayApplicantId(r.applicantId);
  switch (r.result) {
    case 'arrived': {
      const site = siteNames.get(r.storageSiteCode);
      return t(lang, `✓ ${id} カード到着を登録しました。保管場所: ${site?.ja ?? r.storageSiteCode}`, `✓ ${id} recorded as arrived. Keep it at: ${site?.en ?? r.storageSiteCode}`);
    }
    case 'unknown': return t(lang, `✗ ${id} この申請書IDのカードは登録されていません。`, `✗ ${id} No card is registered with this application ID.`);
    case 'duplicate': return t(lang, `✗ ${id} 一覧に重複しています。`, `✗ ${id} Listed twice.`);
    case 'already_arrived': return t(lang, `✗ ${id} 既に到着を登録済みです（二重読取）。`, `✗ ${id} Already recorded as arrived (scanned twice).`);
    case 'out_of_scope': return t(lang, `✗ ${id} 担当外の窓口で保管するカードです。`, `✗ ${id} This card is kept at a site outside your scope.`);
    case 'not_allowed': return t(lang, `✗ ${id} 「${cardStatuses[r.status].ja}」のカードは到着を登録できません。`, `✗ ${id} A card that is "${cardStatuses[r.status].en}" cannot be recorded as arrived.`);
  }
}

export function ArrivalPage(p: ArrivalPageProps) {
  const { lang } = p;
  const title = t(lang, 'カード到着の読取', 'Scan card arrivals');
  const last = p.last && arrivalMessage(lang, p.last, p.siteNames);
  const count = t(lang, `到着 ${p.tally.arrived}件 ／ エラー ${p.tally.refused}件`, `Arrived: ${p.tally.arrived} / Errors: ${p.tally.refused}`);
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{t(lang, '交付一覧のバーコードを続けて読み取ってください。読み取るたびに結果が表示されます。', 'Scan the barcodes of the delivery list one after another; each scan answers at once.')}</p>
      {last === undefined ? '' : p.last?.result === 'arrived'
        ? <p class="notice" role="status" id="arrival-result" safe>{last}</p>
        : <p class="notice notice-error" role="alert" id="arrival-result" safe>{last}</p>}
      <p id="arrival-count" safe>{count}</p>
      <form method="post" action={ARRIVALS_PATH} class="form">
        <input type="hidden" name="csrf" value={p.csrf} />
        <input type="hidden" name="arrived" value={String(p.tally.arrived)} />
        <input type="hidden" name="refused" value={String(p.tally.refused)} />
        <div class="field">
          <label for="arrival-id" safe>{t(lang, '申請書ID', 'Application ID')}</label>
          <input id="arrival-id" name="id" inputmode="numeric" autocomplete="off" autofocus required maxlength="60" aria-describedby="arrival-count" />
        </div>
        <button type="submit" class="button" safe>{t(lang, '登録', 'Record')}</button>
      </form>
      <DeliveryListSection lang={lang} csrf={p.csrf} answer={p.list} message={(r) => arrivalMessage(lang, r, p.siteNames)} />
    </ConsoleLayout>
  );
}
