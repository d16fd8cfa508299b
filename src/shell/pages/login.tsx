// 職員ログイン: the console's login form. The error never says whether the login id exists or is locked.
import { t } from '../../platform/http/language.ts';
import { ConsoleLayout } from '../../platform/ui/layout.tsx';
import type { PageContext } from './page-context.ts';

/** Why the form is shown again: the password step failed, or a second-factor step had to start over. */
export type LoginNotice = 'failed' | 'restart';

/** The login page, optionally with a notice. */
export function LoginPage(ctx: PageContext & { csrfToken: string; notice?: LoginNotice | undefined; loginId?: string }) {
  const { lang } = ctx;
  const message = ctx.notice === 'failed'
    ? t(lang, 'ログインIDまたはパスワードが正しくありません。', 'The login id or password is incorrect.')
    : t(lang, '確認コードを確認できませんでした。もう一度ログインしてください。', 'The verification code could not be confirmed. Please log in again.');
  return (
    <ConsoleLayout {...ctx} title={t(lang, 'ログイン', 'Log in')}>
      <h1 safe>{t(lang, '職員ログイン', 'Staff log in')}</h1>
      {ctx.notice ? <p class="notice notice-error" role="alert" safe>{message}</p> : ''}
      <form method="post" action="/console/login" class="form">
        <input type="hidden" name="csrf" value={ctx.csrfToken} />
        <div class="field">
          <label for="login-id" safe>{t(lang, 'ログインID', 'Login id')}</label>
          <input id="login-id" name="loginId" type="text" autocomplete="username" required value={ctx.loginId ?? ''} />
        </div>
        <div class="field">
          <label for="password" safe>{t(lang, 'パスワード', 'Password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <button type="submit" class="button" safe>{t(lang, 'ログイン', 'Log in')}</button>
      </form>
    </ConsoleLayout>
  );
}
