// Pieces the card console's pages share: a status's and a site's name, and the step chooser with its optional fields
// (comment, reason, destination site).
import type { Lang } from '../../../../../platform/errors.ts';
import { t } from '../../../../../platform/http/language.ts';
import { pick } from '../../../../../platform/ui/format.ts';
import { type CardStatus, type CardStep, cardStatuses, stepRule } from '../../../domain/card-status.ts';

/** A site by code and name. */
export interface SiteName { code: string; ja: string; en: string }

export const statusName = (lang: Lang, status: CardStatus): string => pick(lang, cardStatuses[status]);

export const siteName = (lang: Lang, sites: readonly SiteName[], code: string): string => {
  const site = sites.find((s) => s.code === code);
  return site ? pick(lang, site) : code;
};

/** 「交付前設定」(カード到着 → 交付前設定済): a step with where it is taken from and where it leads. */
export function stepLabel(lang: Lang, step: CardStep): string {
  const rule = stepRule(step);
  const from = rule.from.map((s) => statusName(lang, s)).join(t(lang, '・', ', '));
  return `${pick(lang, rule)} (${from} → ${rule.to ? statusName(lang, rule.to) : t(lang, '状態は変わりません', 'status unchanged')})`;
}

/** The fields a step may record: comment (データ処理履歴), reason (事由, when the step demands one), destination site. */
export function StepFields({ lang, prefix, sites }: { lang: Lang; prefix: string; sites: readonly SiteName[] }) {
  return (
    <>
      <div class="field">
        <label for={`${prefix}-comment`} safe>{t(lang, 'コメント（任意・データ処理履歴に残ります）', 'Comment (optional, kept in the processing history)')}</label>
        <input id={`${prefix}-comment`} name="comment" maxlength="1000" autocomplete="off" />
      </div>
      <div class="field">
        <label for={`${prefix}-reason`} safe>{t(lang, '事由（交付取りやめ・失効・回収・廃棄のとき）', 'Reason (to cancel, revoke, recover or dispose of)')}</label>
        <input id={`${prefix}-reason`} name="reason" maxlength="200" autocomplete="off" />
      </div>
      <div class="field">
        <label for={`${prefix}-site`} safe>{t(lang, '移動先（保管場所の移動のとき）', 'Destination (to move to another site)')}</label>
        <select id={`${prefix}-site`} name="toSite">
          <option value="" safe>{t(lang, '（なし）', '(none)')}</option>
          {sites.map((s) => <option value={s.code} safe>{pick(lang, s)}</option>)}
        </select>
      </div>
    </>
  );
}
