// What the case section and the person's accounts page share: an account's rows, the accounts' table (the number
// masked, or revealed for one revision), the reveal button and the last 公金受取口座 answer.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { formatInstant, pick } from '../../../../platform/ui/format.ts';
import type { PublicFundLookup } from '../case.ts';
import { accountTypeLabel } from '../domain/account.ts';
import { accountPaths } from '../paths.ts';
import { accountSources, type MaskedAccount } from '../store.ts';

/** One account's number as shown: revealed when its revision is the one asked for, else masked. */
export interface Revealed {
  revision: number;
  accountNumber: string;
}

const numberOf = (a: MaskedAccount, revealed: Revealed | undefined) => (revealed?.revision === a.revision ? revealed.accountNumber : a.maskedNumber);

/** The account as a list of facts. */
export function AccountFacts({ lang, account: a, revealed }: { lang: Lang; account: MaskedAccount; revealed?: Revealed | undefined }) {
  return (
    <dl class="facts">
      <dt safe>{t(lang, '金融機関', 'Bank')}</dt><dd safe>{`${a.bankName}（${a.bankCode}）`}</dd>
      <dt safe>{t(lang, '支店', 'Branch')}</dt><dd safe>{`${a.branchName}（${a.branchCode}）`}</dd>
      <dt safe>{t(lang, '預金種目', 'Account type')}</dt><dd safe>{accountTypeLabel(a.accountType, lang)}</dd>
      <dt safe>{t(lang, '口座番号', 'Account number')}</dt><dd class="account-number" safe>{numberOf(a, revealed)}</dd>
      <dt safe>{t(lang, '口座名義人', 'Holder')}</dt><dd safe>{a.holderKana}</dd>
      <dt safe>{t(lang, '登録元', 'Source')}</dt><dd safe>{pick(lang, accountSources[a.source])}</dd>
      <dt safe>{t(lang, '登録', 'Registered')}</dt><dd safe>{`${formatInstant(a.registeredAt)} ${a.registeredBy ?? t(lang, '（ファイル取込）', '(file import)')}`}</dd>
    </dl>
  );
}

/** 口座番号を表示: a POST with the revision, audited; only for benefits.accounts.reveal. */
export function RevealForm(p: { lang: Lang; csrf: string; residentNumber: string; revision: number; back: string | undefined }) {
  return (
    <form method="post" action={accountPaths.reveal(p.residentNumber)} class="actions">
      <input type="hidden" name="csrf" value={p.csrf} />
      <input type="hidden" name="revision" value={String(p.revision)} />
      {p.back ? <input type="hidden" name="back" value={p.back} /> : ''}
      <button type="submit" class="button button-small button-secondary" safe>{t(p.lang, '口座番号を表示（記録されます）', 'Show the account number (logged)')}</button>
    </form>
  );
}

/** Every account of the person, the newest first. */
export function AccountTable(p: { lang: Lang; history: readonly MaskedAccount[]; revealed?: Revealed | undefined; reveal?: ((revision: number) => JSX.Element) | undefined }) {
  const { lang } = p;
  return (
    <table class="data-table">
      <thead><tr>
        <th scope="col" safe>{t(lang, '版', 'Rev.')}</th><th scope="col" safe>{t(lang, '金融機関・支店', 'Bank and branch')}</th>
        <th scope="col" safe>{t(lang, '種目', 'Type')}</th><th scope="col" safe>{t(lang, '口座番号', 'Number')}</th>
        <th scope="col" safe>{t(lang, '名義', 'Holder')}</th><th scope="col" safe>{t(lang, '登録元', 'Source')}</th>
        <th scope="col" safe>{t(lang, '登録', 'Registered')}</th>{p.reveal ? <th scope="col" safe>{t(lang, '表示', 'Show')}</th> : ''}
      </tr></thead>
      <tbody>{p.history.map((a) => (
        <tr>
          <td safe>{a.current ? t(lang, `${a.revision}（現在）`, `${a.revision} (current)`) : String(a.revision)}</td>
          <td safe>{`${a.bankName} ${a.branchName}（${a.bankCode}-${a.branchCode}）`}</td>
          <td safe>{accountTypeLabel(a.accountType, lang)}</td>
          <td class="account-number" safe>{numberOf(a, p.revealed)}</td>
          <td safe>{a.holderKana}</td>
          <td safe>{pick(lang, accountSources[a.source])}</td>
          <td safe>{`${formatInstant(a.registeredAt)} ${a.registeredBy ?? ''}`}</td>
          {p.reveal ? <td>{p.reveal(a.revision)}</td> : ''}
        </tr>
      ))}</tbody>
    </table>
  );
}

/** What the last 公金受取口座 result said, in a sentence. */
export function lookupText(lang: Lang, lookup: PublicFundLookup | undefined): string {
  if (!lookup) return t(lang, '公金受取口座: 未照会', 'Public-fund account: not asked yet');
  const at = formatInstant(lookup.lookedUpAt);
  if (lookup.outcome === 'provided') return t(lang, `公金受取口座: 提供あり（${at} 取込）`, `Public-fund account: provided (imported ${at})`);
  const why = [lookup.statusName, lookup.unsetReason].filter(Boolean).join('・');
  return t(lang, `公金受取口座: 口座なし（${why || '理由なし'}、${at} 取込）`, `Public-fund account: none (${why || 'no reason given'}, imported ${at})`);
}
