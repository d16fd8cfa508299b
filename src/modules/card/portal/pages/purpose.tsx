// 利用目的の明示 (seed 001 7.: the booking site tells the applicant how their data is handled): the items the form
// keeps, purpose, legal basis, retention and recipients, in the words of the module's personal-data declaration —
// the same that the privacy council's register is built from. Folded (details/summary, no script) to keep the form short.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { cardPersonalData, cardReservationFile } from '../../domain/personal-data.ts';
import { pick } from './common.tsx';

/** The notice for the booking form (table card_reservation) or the waitlist form (card_waitlist). */
export function PurposeNotice({ lang, table }: { lang: Lang; table: 'card_reservation' | 'card_waitlist' }) {
  const f = cardReservationFile;
  const items = cardPersonalData.filter((i) => i.table === table).map((i) => pick(lang, i.label).replace(/（キャンセル待ち）| \(waitlist\)/, ''));
  return (
    <details class="purpose-notice">
      <summary safe>{t(lang, '個人情報の取扱いについて（利用目的の明示）', 'How your personal data is handled')}</summary>
      <dl class="facts">
        <dt safe>{t(lang, 'お預かりする情報', 'What we keep')}</dt><dd safe>{items.join(t(lang, '、', ', '))}</dd>
        <dt safe>{t(lang, '利用目的', 'Purpose')}</dt><dd safe>{pick(lang, f.purpose)}</dd>
        <dt safe>{t(lang, '根拠となる法令等', 'Legal basis')}</dt><dd safe>{pick(lang, f.legalBasis)}</dd>
        <dt safe>{t(lang, '保存期間', 'How long it is kept')}</dt><dd safe>{pick(lang, f.retentionNote)}</dd>
        <dt safe>{t(lang, '提供先', 'Who receives it')}</dt><dd safe>{pick(lang, f.recipients)}</dd>
        <dt safe>{t(lang, '担当', 'Handled by')}</dt><dd safe>{pick(lang, f.department)}</dd>
      </dl>
    </details>
  );
}
