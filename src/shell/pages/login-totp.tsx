// 確認コードの入力: the second step of a login for an account with TOTP.
import { t } from '../../platform/http/language.ts';
import { ConsoleLayout } from '../../platform/ui/layout.tsx';
import type { PageContext } from './page-context.ts';

/** The TOTP step: one field for the 6-digit code from the authenticator app. */
export function LoginTotpPage(ctx: PageContext & { csrfToken: string; failed: boolean }) {
  const { lang } = ctx;
  return (
    <ConsoleLayout {...ctx} title={t(lang, '確認コード', 'Verification code')}>
      <h1 safe>{t(lang, '確認コードの入力', 'Enter your verification code')}</h1>
      {ctx.failed ? (
        <p class="notice notice-error" role="alert" safe>{t(lang, '確認コードが正しくありません。新しいコードを入力してください。', 'The code is incorrect. Enter a new code.')}</p>
      ) : ''}
      <p id="code-help" safe>
        {t(lang, '認証アプリに表示されている6桁のコードを入力してください。', 'Enter the 6-digit code shown in your authenticator app.')}
      </p>
      <form method="post" action="/console/login/totp" class="form">
        <input type="hidden" name="csrf" value={ctx.csrfToken} />
        <div class="field">
          <label for="code" safe>{t(lang, '確認コード（6桁）', 'Verification code (6 digits)')}</label>
          <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="16" required aria-describedby="code-help" />
        </div>
        <button type="submit" class="button" safe>{t(lang, '確認', 'Verify')}</button>
      </form>
      <p><a href="/console/login" safe>{t(lang, 'ログイン画面に戻る', 'Back to log in')}</a></p>
    </ConsoleLayout>
  );
}
