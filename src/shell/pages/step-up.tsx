// 再認証: before a sensitive action, the password (or the TOTP code, for an account that has one) once more.
import { t } from '../../platform/http/language.ts';
import { ConsoleLayout } from '../../platform/ui/layout.tsx';
import type { PageContext } from './page-context.ts';

/** The step-up form; `next` is the (already checked) console path to return to. */
export function StepUpPage(ctx: PageContext & { csrfToken: string; next: string; withCode: boolean; failed: boolean }) {
  const { lang } = ctx;
  return (
    <ConsoleLayout {...ctx} title={t(lang, '再認証', 'Confirm it is you')}>
      <h1 safe>{t(lang, '本人確認', 'Confirm it is you')}</h1>
      {ctx.failed ? (
        <p class="notice notice-error" role="alert" safe>
          {ctx.withCode ? t(lang, '確認コードが正しくありません。', 'The code is incorrect.') : t(lang, 'パスワードが正しくありません。', 'The password is incorrect.')}
        </p>
      ) : ''}
      <p safe>
        {ctx.withCode
          ? t(lang, 'この操作の前に、認証アプリの確認コードを入力してください。', 'Before this action, enter the code from your authenticator app.')
          : t(lang, 'この操作の前に、パスワードをもう一度入力してください。', 'Before this action, enter your password again.')}
      </p>
      <form method="post" action="/console/step-up" class="form">
        <input type="hidden" name="csrf" value={ctx.csrfToken} />
        <input type="hidden" name="next" value={ctx.next} />
        {ctx.withCode ? (
          <div class="field">
            <label for="code" safe>{t(lang, '確認コード（6桁）', 'Verification code (6 digits)')}</label>
            <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="16" required />
          </div>
        ) : (
          <div class="field">
            <label for="password" safe>{t(lang, 'パスワード', 'Password')}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required />
          </div>
        )}
        <button type="submit" class="button" safe>{t(lang, '確認', 'Confirm')}</button>
      </form>
    </ConsoleLayout>
  );
}
