// アカウント棚卸: every account with its roles, scopes and last login, unused ones marked, disabling in one action.
import type { Lang } from '../../platform/errors.ts';
import { t } from '../../platform/http/language.ts';
import { formatInstant } from '../../platform/ui/format.ts';
import { ConsoleLayout } from '../../platform/ui/layout.tsx';
import type { PageContext } from '../pages/page-context.ts';
import { describeRole, type InventoryRow, isUnused, unusedAfterDays } from './inventory.ts';

function status(row: InventoryRow, lang: Lang, now: Date): string {
  if (row.disabledAt) return t(lang, `停止 ${formatInstant(row.disabledAt)}`, `Disabled ${formatInstant(row.disabledAt)}`);
  if (isUnused(row, now)) return t(lang, `${unusedAfterDays}日以上未使用`, `Unused ${unusedAfterDays}+ days`);
  return t(lang, '有効', 'Active');
}

/** The inventory page. `canManage` shows the disable buttons. */
export function AccountInventoryPage(ctx: PageContext & { rows: InventoryRow[]; now: Date; canManage: boolean; csrfToken: string; unusedOnly: boolean }) {
  const { lang, now } = ctx;
  const rows = ctx.unusedOnly ? ctx.rows.filter((r) => isUnused(r, now)) : ctx.rows;
  const unusedCount = ctx.rows.filter((r) => isUnused(r, now)).length;
  return (
    <ConsoleLayout {...ctx} title={t(lang, 'アカウント棚卸', 'Account inventory')}>
      <h1 safe>{t(lang, 'アカウント棚卸', 'Account inventory')}</h1>
      <p safe>
        {t(lang, `${ctx.rows.length}件のアカウントのうち、${unusedCount}件が${unusedAfterDays}日以上使われていません。`,
          `${unusedCount} of ${ctx.rows.length} accounts have not been used for ${unusedAfterDays} days or more.`)}
      </p>
      <p class="actions">
        <a href={ctx.unusedOnly ? '/console/accounts' : '/console/accounts?unused=1'} safe>
          {ctx.unusedOnly ? t(lang, 'すべて表示', 'Show all') : t(lang, '未使用のみ表示', 'Show unused only')}
        </a>
        {' '}
        <a href="/console/accounts.csv" download="accounts.csv" safe>{t(lang, 'CSV でダウンロード', 'Download CSV')}</a>
      </p>
      <table class="data-table">
        <caption class="visually-hidden" safe>{t(lang, 'アカウント一覧', 'Accounts')}</caption>
        <thead>
          <tr>
            {[t(lang, 'ログインID', 'Login id'), t(lang, '氏名', 'Name'), t(lang, '部課名・委託事業者', 'Department / contractor'),
              t(lang, '役割と範囲', 'Roles and scopes'), t(lang, '最終ログイン', 'Last login'), t(lang, '状態', 'Status'), t(lang, '操作', 'Action')]
              .map((h) => <th scope="col" safe>{h}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr class={isUnused(r, now) ? 'row-warning' : ''}>
              <td><code safe>{r.loginId}</code></td>
              <td safe>{r.displayName}</td>
              <td safe>{r.organisation ? `${r.department}（${r.organisation}）` : r.department}</td>
              <td safe>{r.roles.map(describeRole).join(', ') || t(lang, 'なし', 'none')}</td>
              <td safe>{formatInstant(r.lastLoginAt) || t(lang, '未ログイン', 'never')}</td>
              <td safe>{status(r, lang, now)}</td>
              <td>
                {ctx.canManage && !r.disabledAt ? (
                  <form method="post" action={`/console/accounts/${encodeURIComponent(r.loginId)}/disable`}>
                    <input type="hidden" name="csrf" value={ctx.csrfToken} />
                    <button type="submit" class="button button-secondary button-small" aria-label={t(lang, `${r.loginId} を停止`, `Disable ${r.loginId}`)} safe>
                      {t(lang, '停止', 'Disable')}
                    </button>
                  </form>
                ) : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ConsoleLayout>
  );
}
