// One contractor: its contract, certifications, the register files it handles, the staff accounts of its people and
// the inspections made of it, each with the form that changes it for those who manage contractors. Every form posts
// to the contractor's address with its action; the answer comes back to this page.
import type { Children } from '@kitajs/html';
import type { Lang } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../shell/pages/page-context.ts';
import type { ContractorAction } from './commands.ts';
import { certificationKinds, contractorDuties, inspectionMethods, inspectionStandingNames } from './domain/vocabulary.ts';
import { CONTRACTORS_PATH, ContractorFieldset, type ContractorRow, certificationText, flagText } from './page.tsx';
import type { ContractorDetail } from './store.ts';

type Bilingual = { ja: string; en: string };

export interface ContractorDetailProps extends PageContext {
  contractor: ContractorDetail & Pick<ContractorRow, 'standing'>;
  files: ReadonlyArray<{ fileId: string; title: Bilingual }>;
  csrf: string | undefined;
  saved?: ContractorAction | undefined;
  problem?: string | undefined;
}

/** A form posting one action to the contractor. */
function ActionForm(p: { lang: Lang; to: string; csrf: string; action: ContractorAction; label: string; small?: boolean; children?: Children }) {
  return (
    <form method="post" action={p.to} class={p.small ? undefined : 'form'}>
      <input type="hidden" name="csrf" value={p.csrf} />
      <input type="hidden" name="action" value={p.action} />
      {p.children}
      <button type="submit" class={p.small ? 'button button-secondary button-small' : 'button'} safe>{p.label}</button>
    </form>
  );
}

const options = (lang: Lang, table: Record<string, Bilingual>) => Object.entries(table).map(([k, v]) => <option value={k} safe>{v[lang]}</option>);

function Certifications({ lang, c, to, csrf }: { lang: Lang; c: ContractorDetailProps['contractor']; to: string; csrf: string | undefined }) {
  return (
    <section aria-labelledby="certifications">
      <h2 id="certifications" safe>{t(lang, '認証', 'Certifications')}</h2>
      <p data-certifications safe>{certificationText(lang, c)}</p>
      {csrf === undefined ? '' : (
        <>
          {c.certifications.map((x) => (
            <ActionForm lang={lang} to={to} csrf={csrf} action="remove_certification" small label={t(lang, `${certificationKinds[x.kind].ja}を削除`, `Remove ${certificationKinds[x.kind].en}`)}>
              <input type="hidden" name="kind" value={x.kind} />
            </ActionForm>
          ))}
          <ActionForm lang={lang} to={to} csrf={csrf} action="certify" label={t(lang, '認証を記録（更新）', 'Record (renew) a certification')}>
            <div class="field"><label for="cert-kind" safe>{t(lang, '種類', 'Kind')}</label><select id="cert-kind" name="kind">{options(lang, certificationKinds)}</select></div>
            <div class="field"><label for="cert-number" safe>{t(lang, '登録番号', 'Number')}</label><input id="cert-number" name="number" required maxlength="60" /></div>
            <div class="field"><label for="cert-expires" safe>{t(lang, '有効期限', 'Valid until')}</label><input id="cert-expires" name="expiresOn" type="date" required /></div>
          </ActionForm>
        </>
      )}
    </section>
  );
}

function Files({ lang, c, files, to, csrf }: { lang: Lang; c: ContractorDetailProps['contractor']; files: ContractorDetailProps['files']; to: string; csrf: string | undefined }) {
  const title = (id: string) => files.find((f) => f.fileId === id)?.title[lang] ?? id;
  return (
    <section aria-labelledby="files">
      <h2 id="files" safe>{t(lang, '取り扱う個人情報ファイル', 'Personal-data files handled')}</h2>
      <ul id="contractor-files">
        {c.fileIds.map((id) => (
          <li data-file={id}>
            <span safe>{title(id)}</span>
            {csrf === undefined ? '' : (
              <ActionForm lang={lang} to={to} csrf={csrf} action="remove_file" small label={t(lang, '外す', 'Remove')}><input type="hidden" name="fileId" value={id} /></ActionForm>
            )}
          </li>
        ))}
      </ul>
      {csrf === undefined ? '' : (
        <ActionForm lang={lang} to={to} csrf={csrf} action="add_file" label={t(lang, 'ファイルを追加', 'Add the file')}>
          <div class="field"><label for="file-id" safe>{t(lang, '個人情報ファイル', 'Personal-data file')}</label>
            <select id="file-id" name="fileId">{files.filter((f) => !c.fileIds.includes(f.fileId)).map((f) => <option value={f.fileId} safe>{f.title[lang]}</option>)}</select></div>
        </ActionForm>
      )}
    </section>
  );
}

function Staff({ lang, c, to, csrf }: { lang: Lang; c: ContractorDetailProps['contractor']; to: string; csrf: string | undefined }) {
  return (
    <section aria-labelledby="staff">
      <h2 id="staff" safe>{t(lang, '従事者（職員アカウント）', 'People (staff accounts)')}</h2>
      <table class="data-table" id="contractor-staff">
        <caption class="visually-hidden" safe>{t(lang, '委託先の従事者', 'The contractor\'s people')}</caption>
        <thead><tr>{[t(lang, 'ログインID', 'Login id'), t(lang, '氏名', 'Name'), t(lang, '所属（アカウント）', 'Organisation (account)'), t(lang, '役割', 'Duty'), t(lang, '状態', 'State'), t(lang, '操作', 'Action')].map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
        <tbody>
          {c.staff.map((s) => (
            <tr data-login={s.loginId}>
              <th scope="row"><code safe>{s.loginId}</code></th>
              <td safe>{s.displayName}</td>
              <td safe>{s.organisation ?? '—'}</td>
              <td>{contractorDuties[s.duty][lang]}</td>
              <td safe>{s.disabled ? t(lang, '無効', 'Disabled') : t(lang, '有効', 'Active')}</td>
              <td>{csrf === undefined ? '' : (
                <ActionForm lang={lang} to={to} csrf={csrf} action="unlink_staff" small label={t(lang, '登録を外す', 'Unlink')}><input type="hidden" name="loginId" value={s.loginId} /></ActionForm>
              )}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {csrf === undefined ? '' : (
        <ActionForm lang={lang} to={to} csrf={csrf} action="link_staff" label={t(lang, 'アカウントを登録', 'Link the account')}>
          <div class="field"><label for="staff-login" safe>{t(lang, 'ログインID', 'Login id')}</label><input id="staff-login" name="loginId" required maxlength="64" autocomplete="off" /></div>
          <div class="field"><label for="staff-duty" safe>{t(lang, '役割', 'Duty')}</label><select id="staff-duty" name="duty">{options(lang, contractorDuties)}</select></div>
        </ActionForm>
      )}
    </section>
  );
}

function Inspections({ lang, c, to, csrf }: { lang: Lang; c: ContractorDetailProps['contractor']; to: string; csrf: string | undefined }) {
  return (
    <section aria-labelledby="inspections">
      <h2 id="inspections" safe>{t(lang, '確認・監査の記録', 'Inspections')}</h2>
      <p data-inspection-due safe>{t(lang,
        `次回確認期限: ${c.standing.inspectionDueOn}（${inspectionStandingNames[c.standing.inspection].ja}）`,
        `Next inspection due: ${c.standing.inspectionDueOn} (${inspectionStandingNames[c.standing.inspection].en})`)}</p>
      <table class="data-table" id="contractor-inspections">
        <caption class="visually-hidden" safe>{t(lang, '確認・監査の記録', 'Inspections')}</caption>
        <thead><tr>{[t(lang, '実施日', 'Date'), t(lang, '方法', 'Method'), t(lang, '確認結果', 'Findings'), t(lang, '是正指示', 'Corrective action'), t(lang, '記録者', 'Recorded by')].map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
        <tbody>
          {c.inspections.map((i) => (
            <tr>
              <th scope="row" safe>{i.inspectedOn}</th>
              <td>{inspectionMethods[i.method][lang]}</td>
              <td safe>{i.findings}</td>
              <td safe>{i.correctiveAction ? t(lang, 'あり', 'Yes') : t(lang, 'なし', 'No')}</td>
              <td safe>{i.recordedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {csrf === undefined ? '' : (
        <ActionForm lang={lang} to={to} csrf={csrf} action="inspect" label={t(lang, '確認を記録', 'Record the inspection')}>
          <div class="field"><label for="insp-date" safe>{t(lang, '実施日', 'Date')}</label><input id="insp-date" name="inspectedOn" type="date" required /></div>
          <div class="field"><label for="insp-method" safe>{t(lang, '方法', 'Method')}</label><select id="insp-method" name="method">{options(lang, inspectionMethods)}</select></div>
          <div class="field"><label for="insp-findings" safe>{t(lang, '確認結果（住民の個人情報は書かないでください）', 'Findings (no resident\'s personal data)')}</label>
            <textarea id="insp-findings" name="findings" required maxlength="2000" rows="3"></textarea></div>
          <div class="choice"><input id="insp-corrective" name="correctiveAction" type="checkbox" value="1" /><label for="insp-corrective" safe>{t(lang, '是正を指示した', 'Corrective action requested')}</label></div>
        </ActionForm>
      )}
    </section>
  );
}

/** One contractor's page. */
export function ContractorDetailPage(p: ContractorDetailProps) {
  const { lang, contractor: c, csrf } = p;
  const to = `${CONTRACTORS_PATH}/${c.contractorId}`;
  const facts: Array<[string, string]> = [
    [t(lang, '法人番号', 'Corporate number'), c.corporateNumber ?? '—'],
    [t(lang, '委託の内容', 'Work entrusted'), c.work || '—'],
    [t(lang, '委託の期間', 'Contract term'), `${c.contractStartsOn} – ${c.contractEndsOn ?? t(lang, '（定めなし）', '(open)')}`],
    [t(lang, '再委託', 'Subcontracting'), c.subcontracting ? t(lang, '承諾あり', 'Approved') : t(lang, 'なし（禁止）', 'None (forbidden)')],
    [t(lang, '注意', 'Flags'), flagText(lang, c)],
  ];
  return (
    <ConsoleLayout {...p} title={c.name}>
      <p><a href={CONTRACTORS_PATH} safe>{t(lang, '委託先の一覧へ', 'All contractors')}</a></p>
      <h1 safe>{c.name}</h1>
      {p.saved ? <p class="notice" role="status" safe>{t(lang, '記録しました。', 'Saved.')}</p> : ''}
      {p.problem ? <p class="notice notice-error" role="alert" safe>{p.problem}</p> : ''}
      <dl class="facts" id="contractor-facts">{facts.map(([k, v]) => <><dt safe>{k}</dt><dd safe>{v}</dd></>)}</dl>
      {csrf === undefined ? '' : (
        <details>
          <summary safe>{t(lang, '委託先の情報を変更', 'Change the contractor')}</summary>
          <ActionForm lang={lang} to={to} csrf={csrf} action="update" label={t(lang, '変更を保存', 'Save the change')}>
            <input type="hidden" name="rowVersion" value={String(c.rowVersion)} />
            <ContractorFieldset lang={lang} value={c} />
          </ActionForm>
        </details>
      )}
      <Certifications lang={lang} c={c} to={to} csrf={csrf} />
      <Files lang={lang} c={c} files={p.files} to={to} csrf={csrf} />
      <Staff lang={lang} c={c} to={to} csrf={csrf} />
      <Inspections lang={lang} c={c} to={to} csrf={csrf} />
    </ConsoleLayout>
  );
}
