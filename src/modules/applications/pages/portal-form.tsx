// The application form: every field of the procedure, the error summary on top, and the two ways on: check the
// answers (確認へ進む) or keep them for later (一時保存). One multipart form, so files go up with the rest.
import { t } from '../../../platform/http/language.ts';
import { PortalLayout } from '../../../platform/ui/layout.tsx';
import type { AttachmentMeta } from '../attachments/index.ts';
import type { ProcedureDefinition } from '../domain/procedure.ts';
import type { Message, RawForm } from '../domain/validate.ts';
import { ErrorSummary, Notice, pick, type PortalPageContext } from './portal-common.tsx';
import { errorTarget, FormField } from './portal-fields.tsx';

export interface FormPageProps extends PortalPageContext {
  definition: ProcedureDefinition;
  action: string;
  csrfToken: string;
  raw: RawForm;
  errors: Record<string, Message>;
  files: AttachmentMeta[];
  /** Correcting a returned application: no draft saving, the reason shown. */
  returnedReason?: string | null | undefined;
  correcting: boolean;
  notice?: string | undefined;
}

/** The form page. */
export function FormPage(p: FormPageProps) {
  const { lang, definition } = p;
  const title = pick(lang, definition.title);
  const hasErrors = Object.keys(p.errors).length > 0;
  const targets = Object.fromEntries(definition.fields.map((f) => [f.id, errorTarget(f)]));
  return (
    <PortalLayout {...p} title={`${hasErrors ? t(lang, 'エラー: ', 'Error: ') : ''}${title}`}>
      <h1 safe>{title}</h1>
      <ErrorSummary lang={lang} errors={p.errors} targets={targets} />
      {p.correcting ? (
        <div class="notice">
          <p safe>{t(lang, '申請が差し戻されました。内容を修正して再提出してください。', 'Your application was returned. Please correct it and submit it again.')}</p>
          {p.returnedReason ? <p><span safe>{t(lang, '理由: ', 'Reason: ')}</span><span safe>{p.returnedReason}</span></p> : ''}
        </div>
      ) : ''}
      <Notice text={p.notice} />
      <p safe>{t(lang, '（必須）の項目は必ず入力してください。入力内容は次の画面で確認できます。', 'Fields marked (required) must be filled in. You can check your answers on the next page.')}</p>
      <form method="post" action={p.action} enctype="multipart/form-data" novalidate class="form application-form">
        <input type="hidden" name="csrf" value={p.csrfToken} />
        {/* The first submit button is what Enter in a text box presses: make it "check the answers", not a side action. */}
        <button type="submit" name="action" value="confirm" class="visually-hidden" tabindex="-1" aria-hidden="true" safe>{t(lang, '確認へ進む', 'Continue')}</button>
        {definition.fields.map((field) => <FormField lang={lang} field={field} raw={p.raw} error={p.errors[field.id]} files={p.files} />)}
        <div class="actions">
          <button type="submit" name="action" value="confirm" class="button" safe>{t(lang, '入力内容を確認する', 'Check your answers')}</button>
          {p.correcting ? '' : <button type="submit" name="action" value="save" class="button button-secondary" safe>{t(lang, '一時保存', 'Save and continue later')}</button>}
        </div>
      </form>
    </PortalLayout>
  );
}
