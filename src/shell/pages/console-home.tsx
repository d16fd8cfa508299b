// 職員コンソールのトップページ.
import type { StaffAccount } from '../../platform/auth/store.ts';
import { t } from '../../platform/http/language.ts';
import { ConsoleLayout } from '../../platform/ui/layout.tsx';
import type { PageContext } from './page-context.ts';

/** The staff console's front page: the work areas and the state of the deployment. */
export function ConsoleHome(ctx: PageContext & { staff: StaffAccount & { csrfToken: string }; backend: string; roles: string[] }) {
  const { lang } = ctx;
  return (
    <ConsoleLayout {...ctx} title={t(lang, 'ホーム', 'Home')}>
      <h1 safe>{t(lang, '職員コンソール', 'Staff console')}</h1>
      <p safe>{t(lang, `${ctx.staff.department} ${ctx.staff.displayName} さん`, `${ctx.staff.displayName} (${ctx.staff.department})`)}</p>
      <form method="post" action="/console/logout">
        <input type="hidden" name="csrf" value={ctx.staff.csrfToken} />
        <button type="submit" class="button button-secondary" safe>{t(lang, 'ログアウト', 'Log out')}</button>
      </form>
      <dl class="facts">
        <dt safe>{t(lang, 'データベース', 'Database')}</dt>
        <dd>{ctx.backend === 'pglite' ? t(lang, '組込み PostgreSQL (PGlite)', 'Embedded PostgreSQL (PGlite)') : 'PostgreSQL'}</dd>
        <dt safe>{t(lang, '稼働中のロール', 'Roles running')}</dt>
        <dd safe>{ctx.roles.join(', ')}</dd>
      </dl>
    </ConsoleLayout>
  );
}
