// 委託先管理 in the console: every contractor with its certifications, the files it handles, its people and when it
// must next be inspected, flagged when a certification has expired or the yearly inspection is overdue; the form to
// register one for those who manage contractors.
import type { Lang } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../shell/pages/page-context.ts';
import type { ContractorStanding } from './domain/standing.ts';
import { certificationKinds, contractorFlagNames, inspectionStandingNames } from './domain/vocabulary.ts';
import type { ContractorSummary } from './store.ts';

/** The contractors' address; one contractor is at /<contractorId>. */
export const CONTRACTORS_PATH = '/console/governance/contractors';

type Bilingual = { ja: string; en: string };

/** A contractor as a page shows it: its record and its standing today. */
export type ContractorRow = ContractorSummary & { standing: ContractorStanding };

export interface ContractorListProps extends PageContext {
  contractors: readonly ContractorRow[];
  fileTitles: ReadonlyMap<string, Bilingual>;
  today: string;
  /** The create form's CSRF token, when the member of staff may manage contractors. */
  csrf: string | undefined;
  problem?: string | undefined;
}

/** The flags of a contractor as a short line ('—' when none). */
export const flagText = (lang: Lang, c: ContractorRow): string =>
  c.standing.flags.map((f) => contractorFlagNames[f][lang]).join(t(lang, '、', ', ')) || '—';

/** Its certifications as one line: kind, number, expiry. */
export const certificationText = (lang: Lang, c: ContractorSummary): string =>
  c.certifications.map((x) => `${certificationKinds[x.kind][lang]} ${x.number}（${t(lang, '有効期限', 'valid until')} ${x.expiresOn}）`).join(t(lang, '、', ', ')) || t(lang, 'なし', 'none');

function ContractorTable({ lang, contractors, fileTitles }: Pick<ContractorListProps, 'lang' | 'contractors' | 'fileTitles'>) {
  const heads = [t(lang, '委託先', 'Contractor'), t(lang, '認証', 'Certifications'), t(lang, '取り扱う個人情報ファイル', 'Files handled'), t(lang, '従事者', 'People'),
    t(lang, '最終確認日', 'Last inspected'), t(lang, '次回確認期限', 'Next inspection due'), t(lang, '注意', 'Flags')];
  return (
    <table class="data-table" id="contractors">
      <caption safe>{t(lang, '委託先と確認の状況', 'Contractors and their inspections')}</caption>
      <thead><tr>{heads.map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
      <tbody>
        {contractors.map((c) => (
          <tr data-contractor={c.contractorId} data-flags={c.standing.flags.join(' ')}>
            <th scope="row"><a href={`${CONTRACTORS_PATH}/${c.contractorId}`} safe>{c.name}</a></th>
            <td safe>{certificationText(lang, c)}</td>
            <td safe>{c.fileIds.map((f) => fileTitles.get(f)?.[lang] ?? f).join(t(lang, '、', ', ')) || '—'}</td>
            <td safe>{String(c.staffCount)}</td>
            <td safe>{c.lastInspectedOn ?? t(lang, '未実施', 'never')}</td>
            <td safe>{`${c.standing.inspectionDueOn}（${inspectionStandingNames[c.standing.inspection][lang]}）`}</td>
            <td data-flag-text safe>{flagText(lang, c)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The contractor's own fields, empty or filled, for the create and edit forms. */
export function ContractorFieldset({ lang, value }: { lang: Lang; value?: ContractorSummary | undefined }) {
  return (
    <>
      <div class="field"><label for="c-name" safe>{t(lang, '委託先の名称', 'Name')}</label><input id="c-name" name="name" required maxlength="200" value={value?.name} /></div>
      <div class="field"><label for="c-corp" safe>{t(lang, '法人番号（13桁、任意）', 'Corporate number (13 digits, optional)')}</label>
        <input id="c-corp" name="corporateNumber" inputmode="numeric" maxlength="13" value={value?.corporateNumber ?? undefined} /></div>
      <div class="field"><label for="c-work" safe>{t(lang, '委託の内容', 'Work entrusted')}</label><textarea id="c-work" name="work" maxlength="2000" rows="3" safe>{value?.work ?? ''}</textarea></div>
      <div class="field"><label for="c-start" safe>{t(lang, '委託の開始日', 'Contract start')}</label><input id="c-start" name="contractStartsOn" type="date" required value={value?.contractStartsOn} /></div>
      <div class="field"><label for="c-end" safe>{t(lang, '委託の期限（任意）', 'Contract end (optional)')}</label><input id="c-end" name="contractEndsOn" type="date" value={value?.contractEndsOn ?? undefined} /></div>
      <div class="choice"><input id="c-sub" name="subcontracting" type="checkbox" value="1" checked={value?.subcontracting ?? false} />
        <label for="c-sub" safe>{t(lang, '再委託を承諾している', 'Subcontracting approved')}</label></div>
    </>
  );
}

/** The list of contractors. */
export function ContractorListPage(p: ContractorListProps) {
  const { lang } = p;
  const title = t(lang, '委託先管理', 'Contractors');
  const flagged = p.contractors.filter((c) => c.standing.flags.length > 0).length;
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{t(lang,
        `個人情報ファイルを取り扱う委託先と、その認証・従事者・確認（年度当たり1回以上）の記録です。${p.today} 現在、注意が必要な委託先は ${flagged} 件です。`,
        `Contractors handling personal-data files, with their certifications, people and inspections (at least once a fiscal year). As of ${p.today}, ${flagged} need attention.`)}</p>
      {p.problem ? <p class="notice notice-error" role="alert" safe>{p.problem}</p> : ''}
      {p.contractors.length ? <ContractorTable lang={lang} contractors={p.contractors} fileTitles={p.fileTitles} /> : <p safe>{t(lang, '委託先は登録されていません。', 'No contractor is registered.')}</p>}
      {p.csrf === undefined ? '' : (
        <>
          <h2 safe>{t(lang, '委託先の登録', 'Register a contractor')}</h2>
          <form method="post" action={CONTRACTORS_PATH} class="form">
            <input type="hidden" name="csrf" value={p.csrf} />
            <ContractorFieldset lang={lang} />
            <button type="submit" class="button" safe>{t(lang, '登録', 'Register')}</button>
          </form>
        </>
      )}
    </ConsoleLayout>
  );
}
