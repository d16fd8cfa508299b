// 口座 of a person's case: the account the next payment goes to (number masked), what the 公金受取口座 query answered,
// the earlier accounts, a button to show the full number (benefits.accounts.reveal; the showing is logged) and a link
// to register or correct the account (benefits.accounts.manage; a correction makes a returned transfer payable again).
import type { Capability } from '../../../../platform/access/capabilities.ts';
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import type { AccountCaseData } from '../case.ts';
import { accountPaths } from '../paths.ts';
import { AccountFacts, AccountTable, lookupText, RevealForm } from './account-parts.tsx';

export interface AccountSectionProps {
  lang: Lang;
  csrf: string;
  data: AccountCaseData;
  may: (capability: Capability) => boolean;
  /** The case page's address, where the accounts page links back to. */
  back: string;
}

export function AccountCaseSection(p: AccountSectionProps) {
  const { lang, data } = p;
  const earlier = data.history.filter((a) => !a.current);
  return (
    <section id="accounts" aria-labelledby="accounts-title">
      <h2 id="accounts-title" safe>{t(lang, '口座', 'Account')}</h2>
      {data.current
        ? <AccountFacts lang={lang} account={data.current} />
        : <p role="status" safe>{t(lang, '振込口座は登録されていません。', 'No account is registered.')}</p>}
      <p safe>{lookupText(lang, data.lookup)}</p>
      {data.current && p.may('benefits.accounts.reveal')
        ? <RevealForm lang={lang} csrf={p.csrf} residentNumber={data.residentNumber} revision={data.current.revision} back={p.back} />
        : ''}
      {p.may('benefits.accounts.manage')
        ? <p><a class="button button-secondary" href={accountPaths.person(data.residentNumber, p.back)} safe>{data.current ? t(lang, '口座を訂正する', 'Correct the account') : t(lang, '口座を登録する', 'Register an account')}</a></p>
        : ''}
      {earlier.length > 0
        ? (
          <details>
            <summary safe>{t(lang, `これまでの口座（${earlier.length}件）`, `Earlier accounts (${earlier.length})`)}</summary>
            <AccountTable lang={lang} history={earlier} />
          </details>
        )
        : ''}
    </section>
  );
}
