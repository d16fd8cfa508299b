// 一括更新の確認: before a bulk step changes anything, the clerk sees how many cards, which step, from which statuses to
// which, and where the cards stand now (those that cannot take the step are counted, so a refusal is no surprise).
// 実行 takes them all in one transaction or none; a refusal comes back here naming the cards.
import { t } from '../../../../../platform/http/language.ts';
import { pick } from '../../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../../platform/ui/layout.tsx';
import { Notice, type PageNotice } from '../../../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../../../shell/pages/page-context.ts';
import { type CardStatus, type CardStep, stepRule } from '../../../domain/card-status.ts';
import { BULK_CONFIRM_PATH, CARDS_PATH } from '../paths.ts';
import { type SiteName, siteName, statusName } from './parts.tsx';

/** The bulk step as asked for, carried from the list to the confirmation and on to 実行. */
export interface BulkRequest {
  step: CardStep;
  applicantIds: readonly string[];
  comment: string;
  reason: string;
  toSite: string;
}

export interface BulkPageProps extends PageContext {
  csrf: string;
  request: BulkRequest;
  /** How many of the cards stand in each status now. */
  byStatus: ReadonlyArray<{ status: CardStatus; count: number }>;
  sites: readonly SiteName[];
  /** Back to the list as filtered. */
  back: string;
  notice?: PageNotice | undefined;
  /** False when the list is longer than one bulk step takes: nothing to confirm. */
  confirmable?: boolean | undefined;
}

export function BulkConfirmPage(p: BulkPageProps) {
  const { lang, request: r } = p;
  const rule = stepRule(r.step);
  const title = t(lang, '一括更新の確認', 'Confirm the bulk step');
  const to = rule.to ? statusName(lang, rule.to) : t(lang, '（変わりません）', '(unchanged)');
  const from = rule.from.map((s) => statusName(lang, s)).join(t(lang, '・', ', '));
  const unable = p.byStatus.filter((s) => !rule.from.includes(s.status)).reduce((n, s) => n + s.count, 0);
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <dl class="summary" id="bulk-summary">
        <dt safe>{t(lang, '件数', 'Cards')}</dt><dd safe>{t(lang, `${r.applicantIds.length}件`, `${r.applicantIds.length}`)}</dd>
        <dt safe>{t(lang, '操作', 'Step')}</dt><dd safe>{pick(lang, rule)}</dd>
        <dt safe>{t(lang, '変更前 → 変更後', 'From → to')}</dt><dd safe>{`${from} → ${to}`}</dd>
        {r.step === 'transfer' ? <><dt safe>{t(lang, '移動先', 'Destination')}</dt><dd safe>{siteName(lang, p.sites, r.toSite)}</dd></> : ''}
        {r.reason ? <><dt safe>{t(lang, '事由', 'Reason')}</dt><dd safe>{r.reason}</dd></> : ''}
        {r.comment ? <><dt safe>{t(lang, 'コメント', 'Comment')}</dt><dd safe>{r.comment}</dd></> : ''}
      </dl>
      <h2 safe>{t(lang, '現在のステータス', 'Where the cards stand now')}</h2>
      <ul>{p.byStatus.map((s) => <li safe>{t(lang, `${statusName(lang, s.status)}: ${s.count}件`, `${statusName(lang, s.status)}: ${s.count}`)}</li>)}</ul>
      {unable > 0
        ? <p class="notice notice-error" role="alert" safe>{t(lang, `${unable}件はこの操作ができないステータスです。実行しても一括更新は行われません。`, `${unable} of the cards cannot take this step; nothing would be changed.`)}</p>
        : ''}
      {p.confirmable === false ? '' : <form method="post" action={BULK_CONFIRM_PATH} class="form">
        <input type="hidden" name="csrf" value={p.csrf} />
        <input type="hidden" name="step" value={r.step} />
        <input type="hidden" name="ids" value={r.applicantIds.join(',')} />
        <input type="hidden" name="comment" value={r.comment} />
        <input type="hidden" name="reason" value={r.reason} />
        <input type="hidden" name="toSite" value={r.toSite} />
        <input type="hidden" name="back" value={p.back} />
        <button type="submit" class="button" safe>{t(lang, `${r.applicantIds.length}件を更新する`, `Take the step for ${r.applicantIds.length} cards`)}</button>
      </form>}
      <p><a href={p.back.startsWith(CARDS_PATH) ? p.back : CARDS_PATH} safe>{t(lang, '一覧に戻る（更新しない）', 'Back to the list (change nothing)')}</a></p>
    </ConsoleLayout>
  );
}
