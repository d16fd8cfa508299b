// カード進捗管理の設定: the municipality's 滞留 days per status (the dashboard's N) and its 督促・廃棄 rules (days from
// the 交付通知書 to a 督促状, months from the last notice to disposal). One form; saving is an audited change.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { cardStatuses } from '../../domain/card-status.ts';
import { maxWaitingDays, type WaitingStatus, waitingStatuses } from '../aging.ts';
import type { CollectionPolicy } from '../collection.ts';
import { PROGRESS_PATH, PROGRESS_SETTINGS_PATH } from './progress-page.tsx';

export interface SettingsPageProps extends PageContext {
  csrf: string;
  /** What the form shows: the saved settings, or what was posted when refused. */
  fields: Record<string, string>;
  invalid?: string[] | undefined;
  saved?: boolean | undefined;
}

/** The form's fields for the settings given. */
export function settingsFields(waitingDays: Record<WaitingStatus, number>, policy: CollectionPolicy): Record<string, string> {
  return {
    ...Object.fromEntries(waitingStatuses.map((s) => [`n_${s}`, String(waitingDays[s])])),
    reminder_days: String(policy.reminderAfterDays), dispose_months: String(policy.disposeAfterMonths),
  };
}

function NumberField(p: { lang: Lang; name: string; label: string; min: number; max: number; value: string; invalid: boolean }) {
  const id = `setting-${p.name.replace(/_/g, '-')}`;
  return (
    <div class="field">
      <label for={id} safe>{p.label}</label>
      <input id={id} name={p.name} type="number" required min={String(p.min)} max={String(p.max)} value={p.value} aria-invalid={p.invalid ? 'true' : undefined} />
    </div>
  );
}

export function SettingsPage(p: SettingsPageProps) {
  const { lang } = p;
  const title = t(lang, 'カード進捗管理の設定', 'Card progress settings');
  const bad = new Set(p.invalid ?? []);
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      {p.saved ? <p class="notice" role="status" safe>{t(lang, '設定を保存しました。', 'The settings were saved.')}</p> : ''}
      {bad.size > 0 ? <p class="notice notice-error" role="alert" safe>{t(lang, '日数・月数は範囲内の整数で入力してください。', 'Enter whole numbers within the ranges shown.')}</p> : ''}
      <form method="post" action={PROGRESS_SETTINGS_PATH} class="form">
        <input type="hidden" name="csrf" value={p.csrf} />
        <h2 safe>{t(lang, '滞留とする日数（状態ごと）', 'Days after which a card waits too long, per status')}</h2>
        {waitingStatuses.map((s) => (
          <NumberField lang={lang} name={`n_${s}`} label={`${pick(lang, cardStatuses[s])}（1〜${maxWaitingDays}）`} min={1} max={maxWaitingDays} value={p.fields[`n_${s}`] ?? ''} invalid={bad.has(`n_${s}`)} />
        ))}
        <h2 safe>{t(lang, '受取期限（督促・廃棄）', 'Collection deadlines (reminders, disposal)')}</h2>
        <NumberField lang={lang} name="reminder_days" label={t(lang, '交付通知書から督促状までの日数（1〜365）', 'Days from the notice to a reminder (1–365)')} min={1} max={365}
          value={p.fields.reminder_days ?? ''} invalid={bad.has('reminder_days')} />
        <NumberField lang={lang} name="dispose_months" label={t(lang, '最後の交付通知書から廃棄までの月数（1〜60）', 'Months from the last notice to disposal (1–60)')} min={1} max={60}
          value={p.fields.dispose_months ?? ''} invalid={bad.has('dispose_months')} />
        <button type="submit" class="button" safe>{t(lang, '保存', 'Save')}</button>
      </form>
      <p><a href={PROGRESS_PATH} safe>{t(lang, '進捗管理に戻る', 'Back to the progress dashboard')}</a></p>
    </ConsoleLayout>
  );
}
