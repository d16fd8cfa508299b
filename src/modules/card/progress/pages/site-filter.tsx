// The filter form of the progress and report pages: a GET form with the site (every site of the viewer's scope, or
// one), the page's own fields, and a button.
import type { Children } from '@kitajs/html';
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import type { Named } from '../../staff/pages/day-page.tsx';

export function SiteFilterForm(p: { lang: Lang; action: string; site: string; sites: readonly Named[]; idPrefix: string; children?: Children }) {
  const { lang } = p;
  return (
    <form method="get" action={p.action} class="form filters">
      <div class="field">
        <label for={`${p.idPrefix}-site`} safe>{t(lang, '保管場所（窓口）', 'Storage site')}</label>
        <select id={`${p.idPrefix}-site`} name="site">
          <option value="" selected={p.site === ''} safe>{t(lang, '担当のすべての窓口', 'Every site of yours')}</option>
          {p.sites.map((s) => <option value={s.code} selected={s.code === p.site} safe>{pick(lang, s)}</option>)}
        </select>
      </div>
      {p.children}
      <button type="submit" class="button" safe>{t(lang, '表示', 'Show')}</button>
    </form>
  );
}
