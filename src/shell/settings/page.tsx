// セキュリティ設定: the municipality's idle time-out, lockout, MFA for all staff, and network restrictions per role.
import { roles } from '../../platform/access/roles.ts';
import type { SecuritySettings } from '../../platform/auth/settings.ts';
import { t } from '../../platform/http/language.ts';
import { ConsoleLayout } from '../../platform/ui/layout.tsx';
import type { PageContext } from '../pages/page-context.ts';

/** The settings form; `saved` shows the confirmation, `problem` the reason a change was refused. */
export function SecuritySettingsPage(ctx: PageContext & {
  settings: SecuritySettings;
  networks: Record<string, string[]>;
  csrfToken: string;
  saved: boolean;
  problem?: string | undefined;
}) {
  const { lang, settings } = ctx;
  return (
    <ConsoleLayout {...ctx} title={t(lang, 'セキュリティ設定', 'Security settings')}>
      <h1 safe>{t(lang, 'セキュリティ設定', 'Security settings')}</h1>
      {ctx.saved ? <p class="notice" role="status" safe>{t(lang, '保存しました。', 'Saved.')}</p> : ''}
      {ctx.problem ? <p class="notice notice-error" role="alert" safe>{ctx.problem}</p> : ''}
      <form method="post" action="/console/settings/security" class="form">
        <input type="hidden" name="csrf" value={ctx.csrfToken} />
        <div class="field">
          <label for="idle" safe>{t(lang, '無操作タイムアウト（分）', 'Idle time-out (minutes)')}</label>
          <input id="idle" name="idleTimeoutMinutes" type="number" min="1" max="720" required value={String(settings.idleTimeoutMinutes)} />
        </div>
        <div class="field">
          <label for="threshold" safe>{t(lang, 'アカウントロックまでの連続失敗回数', 'Failed attempts before lockout')}</label>
          <input id="threshold" name="lockoutThreshold" type="number" min="1" max="100" required value={String(settings.lockoutThreshold)} />
        </div>
        <div class="field">
          <label for="lock-minutes" safe>{t(lang, 'ロック時間（分、空欄は管理者が解除するまで）', 'Lock duration (minutes; empty until an administrator unlocks)')}</label>
          <input id="lock-minutes" name="lockoutMinutes" type="number" min="1" max="43200" value={settings.lockoutMinutes === null ? '' : String(settings.lockoutMinutes)} />
        </div>
        <div class="field field-check">
          <input id="mfa-all" name="mfaRequiredForAll" type="checkbox" value="1" checked={settings.mfaRequiredForAll} />
          <label for="mfa-all" safe>{t(lang, '全職員に多要素認証を必須とする', 'Require two-step login of all staff')}</label>
        </div>
        <fieldset>
          <legend safe>{t(lang, '役割ごとの接続元制限（CIDR、1行に1つ。空欄は制限なし）', 'Allowed networks per role (CIDR, one per line; empty for none)')}</legend>
          {Object.entries(roles).map(([name, role]) => (
            <div class="field">
              <label for={`net-${name}`} safe>{t(lang, role.ja, role.en)}</label>
              <textarea id={`net-${name}`} name={`networks.${name}`} rows="2" safe>{(ctx.networks[name] ?? []).join('\n')}</textarea>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button" safe>{t(lang, '保存する', 'Save')}</button>
      </form>
    </ConsoleLayout>
  );
}
