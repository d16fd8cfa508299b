// What the payments pages share: their addresses, the notices after a form, and a labelled field with its error.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import type { PageNotice } from '../../../../platform/ui/notice.tsx';

export const PAYMENTS_PATH = '/console/benefits/payments';
export const SETTINGS_PATH = `${PAYMENTS_PATH}/settings`;
export const REPORT_PATH = `${PAYMENTS_PATH}/report`;
export const RECEIVABLES_PATH = '/console/benefits/receivables';
export const batchPath = (batchId: number): string => `${PAYMENTS_PATH}/batches/${batchId}`;
export const receivablePath = (id: number): string => `${RECEIVABLES_PATH}/${id}`;

type Bilingual = { ja: string; en: string };

/** What a form just did, by the `done` code of the address it came back to. */
export const doneMessages = {
  prepared: { ja: '振込バッチを作成しました。承認は作成者以外の職員が行います。', en: 'The batch is prepared. Someone else must approve it.' },
  approved: { ja: '承認し、総合振込ファイルを作成しました。', en: 'Approved; the bank file is written.' },
  settled: { ja: '振込済を登録しました。', en: 'Recorded as paid.' },
  returned: { ja: '振込不能・組戻しを登録しました。', en: 'The returned transfers are recorded.' },
  cancelled: { ja: '振込バッチを取り消しました。', en: 'The batch is cancelled.' },
  settings: { ja: '振込依頼人設定を保存しました。', en: 'The payment settings are saved.' },
  raised: { ja: '返還金を調定しました。納付通知書を出力してください。', en: 'The receivable is raised. Print its notice.' },
  payment: { ja: '納付を登録しました。', en: 'The payment is recorded.' },
  written_off: { ja: '不納欠損を登録しました。', en: 'Written off.' },
} as const satisfies Record<string, Bilingual>;

/** The notice for a `done` code, or for an `error` message carried back. */
export function pageNotice(lang: Lang, done: string | undefined, error?: string): PageNotice | undefined {
  if (error) return { kind: 'error', text: error };
  if (!done || !Object.hasOwn(doneMessages, done)) return undefined;
  return { kind: 'done', text: pick(lang, doneMessages[done as keyof typeof doneMessages]) };
}

/** A labelled input with its error under the label (aria-describedby ties them). */
export function Field(p: { lang: Lang; id: string; name: string; label: Bilingual; value: string; type?: string; error?: Bilingual | undefined; required?: boolean; hint?: Bilingual }) {
  const errId = `${p.id}-error`;
  return (
    <div class={p.error ? 'field field-error' : 'field'}>
      <label for={p.id} safe>{pick(p.lang, p.label) + (p.required ? t(p.lang, '（必須）', ' (required)') : '')}</label>
      {p.hint ? <p class="hint" safe>{pick(p.lang, p.hint)}</p> : ''}
      {p.error ? <p id={errId} class="error-message" safe>{pick(p.lang, p.error)}</p> : ''}
      <input id={p.id} name={p.name} type={p.type ?? 'text'} value={p.value} autocomplete="off" aria-invalid={p.error ? 'true' : undefined} aria-describedby={p.error ? errId : undefined} />
    </div>
  );
}

/** A select of bilingual options with its label. */
export function Choice(p: { lang: Lang; id: string; name: string; label: Bilingual; options: Record<string, Bilingual>; value: string }) {
  return (
    <div class="field">
      <label for={p.id} safe>{pick(p.lang, p.label)}</label>
      <select id={p.id} name={p.name}>
        {Object.entries(p.options).map(([v, o]) => <option value={v} selected={v === p.value} safe>{pick(p.lang, o)}</option>)}
      </select>
    </div>
  );
}

/** The hidden fields every form of these pages carries. */
export function FormBase({ csrf, back }: { csrf: string; back?: string | undefined }) {
  return (
    <>
      <input type="hidden" name="csrf" value={csrf} />
      {back ? <input type="hidden" name="back" value={back} /> : ''}
    </>
  );
}
