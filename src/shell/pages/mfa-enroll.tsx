// 多要素認証の設定: the QR code and the key in text for an authenticator app, confirmed by one code; or the state when set up.
import { t } from '../../platform/http/language.ts';
import { ConsoleLayout } from '../../platform/ui/layout.tsx';
import type { PageContext } from './page-context.ts';

/** What the enrollment page shows: a secret to set up, or that the second factor is already active. */
export type EnrollmentView =
  | { kind: 'setup'; secretText: string; qrDataUrl: string; issuer: string; loginId: string; action: string; csrfToken: string; failed: boolean; mandatory: boolean }
  | { kind: 'active' };

/** The enrollment page (/console/account/mfa, or /console/login/mfa-setup during a login that requires it). */
export function MfaEnrollPage(ctx: PageContext & { view: EnrollmentView }) {
  const { lang, view } = ctx;
  const title = t(lang, '多要素認証の設定', 'Two-factor authentication');
  if (view.kind === 'active') {
    return (
      <ConsoleLayout {...ctx} title={title}>
        <h1 safe>{title}</h1>
        <p safe>{t(lang, '多要素認証（認証アプリの確認コード）は有効です。', 'Two-factor authentication (codes from an authenticator app) is on.')}</p>
        <p safe>
          {t(lang, '端末をなくした場合は、システム管理者に多要素認証のリセットを依頼してください。', 'If you lose your device, ask an administrator to reset your two-factor authentication.')}
        </p>
      </ConsoleLayout>
    );
  }
  return (
    <ConsoleLayout {...ctx} title={title}>
      <h1 safe>{title}</h1>
      {view.mandatory ? (
        <p class="notice" safe>
          {t(lang, 'このアカウントは多要素認証が必須です。設定が終わるまで他の画面は使えません。', 'This account requires two-factor authentication. Set it up to continue.')}
        </p>
      ) : ''}
      {view.failed ? (
        <p class="notice notice-error" role="alert" safe>{t(lang, '確認コードが正しくありません。アプリに表示されている最新のコードを入力してください。', 'The code is incorrect. Enter the latest code shown in the app.')}</p>
      ) : ''}
      <ol>
        <li safe>{t(lang, 'スマートフォンに認証アプリ（TOTP 対応のもの）を用意します。', 'Install an authenticator app (any app that supports TOTP) on your phone.')}</li>
        <li>
          <span safe>{t(lang, 'アプリで次の QR コードを読み取るか、キーを手入力します。', 'Scan this QR code with the app, or type the key into it.')}</span>
          <figure>
            <img src={view.qrDataUrl} width="220" height="220" alt={t(lang, '認証アプリ用の QR コード（下のキーと同じ内容）', 'QR code for the authenticator app (same as the key below)')} />
            <figcaption>
              <dl class="facts">
                <dt safe>{t(lang, 'キー（手入力用）', 'Key (for typing in)')}</dt>
                <dd><code safe>{view.secretText}</code></dd>
                <dt safe>{t(lang, 'アカウント', 'Account')}</dt>
                <dd safe>{`${view.issuer}: ${view.loginId}`}</dd>
                <dt safe>{t(lang, '種類', 'Type')}</dt>
                <dd safe>{t(lang, '時間ベース（30秒、6桁）', 'Time-based (30 s, 6 digits)')}</dd>
              </dl>
            </figcaption>
          </figure>
        </li>
        <li safe>{t(lang, 'アプリに表示された6桁のコードを入力して、設定を完了します。', 'Enter the 6-digit code the app shows to finish.')}</li>
      </ol>
      <form method="post" action={view.action} class="form">
        <input type="hidden" name="csrf" value={view.csrfToken} />
        <div class="field">
          <label for="code" safe>{t(lang, '確認コード（6桁）', 'Verification code (6 digits)')}</label>
          <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="16" required />
        </div>
        <button type="submit" class="button" safe>{t(lang, '設定を完了する', 'Turn on')}</button>
      </form>
    </ConsoleLayout>
  );
}
