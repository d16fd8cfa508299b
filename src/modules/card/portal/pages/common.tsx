// What the reservation pages share: their context, the step line, bilingual texts, the error summary and the notice.
import type { Children } from '@kitajs/html';
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import { PortalLayout } from '../../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';

export type CardPageContext = Pick<PageContext, 'lang' | 'path' | 'municipalityName'>;

/** A text in both languages. */
export interface Bilingual {
  ja: string;
  en: string;
}

export { pick };

const steps: Bilingual[] = [
  { ja: '予約区分', en: 'Purpose' },
  { ja: '窓口', en: 'Office' },
  { ja: '日付', en: 'Day' },
  { ja: '時間', en: 'Time' },
  { ja: '申込者情報', en: 'Your details' },
  { ja: '確認', en: 'Check' },
];

/** The page frame of every booking step: the title, where the resident is (ステップ 3 / 6), and a change notice. */
export function StepPage(p: CardPageContext & { title: string; step: number; changing?: boolean; children?: Children }) {
  const { lang } = p;
  return (
    <PortalLayout {...p} title={p.title}>
      <p class="step-line" safe>{t(lang, `ステップ ${p.step} / ${steps.length}：${steps[p.step - 1]!.ja}`, `Step ${p.step} of ${steps.length}: ${steps[p.step - 1]!.en}`)}</p>
      {p.changing ? <p class="notice" safe>{t(lang, '予約の変更中です。新しい予約が確定するまで、今の予約はそのまま残ります。', 'You are changing a booking. Your current booking stays until the new one is confirmed.')}</p> : ''}
      <h1 safe>{p.title}</h1>
      {p.children}
    </PortalLayout>
  );
}

/** A problem shown at the top of a page (満席, already booked, closed for booking). */
export function Problem({ lang, problem }: { lang: Lang; problem: Bilingual | undefined }) {
  if (!problem) return '';
  return <p class="notice notice-error" role="alert" safe>{pick(lang, problem)}</p>;
}

/** The summary of every error at the top of the form, each linking to its field (GOV.UK / デジタル庁 pattern). */
export function ErrorSummary({ lang, errors }: { lang: Lang; errors: Record<string, Bilingual> }) {
  const ids = Object.keys(errors);
  if (ids.length === 0) return '';
  return (
    <div class="error-summary notice notice-error" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
      <h2 id="error-summary-title" safe>{t(lang, '入力内容に誤りがあります', 'There is a problem')}</h2>
      <ul>{ids.map((id) => <li><a href={`#f-${id}`} safe>{pick(lang, errors[id]!)}</a></li>)}</ul>
    </div>
  );
}

/** A hidden CSRF field. */
export const Csrf = ({ token }: { token: string }) => <input type="hidden" name="csrf" value={token} />;
