// 税証明書の窓口交付: find the person (住記個人番号, 宛名番号, or 氏名カナ + 生年月日), then on their page choose type,
// year and copies and print; their certificates issued so far are listed with a way to revoke one.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { formatInstant, pick, yen } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { formatFiscalYear, formatLuhnNumber, formatWareki } from '../../../../platform/text/index.ts';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { Notice } from '../../../../platform/ui/notice.tsx';
import { type CertificateType, certificateTypes, refusalMessages, type RefusalReason, type ResidentFacts } from '../../domain/tax-record.ts';
import type { IssuanceRecord } from '../../issuance/store.ts';
import type { ResidentSummary } from '../../tax/store.ts';

export const COUNTER_PATH = '/console/certificates';
export const personHref = (residentNumber: string): string => `${COUNTER_PATH}/people/${encodeURIComponent(residentNumber)}`;

const channelLabels = { counter: { ja: '窓口', en: 'Counter' }, online: { ja: '電子申請', en: 'Online' }, kiosk: { ja: 'コンビニ交付', en: 'Kiosk' } } as const;

export interface SearchForm {
  residentNumber: string;
  addresseeNumber: string;
  nameKana: string;
  birthDate: string;
}

export function CounterSearchPage(p: PageContext & { form: SearchForm; results: ResidentSummary[] | undefined; notice?: { kind: 'error' | 'done'; text: string } | undefined }) {
  const { lang, form } = p;
  const title = t(lang, '税証明書の交付（窓口）', 'Tax certificates at the counter');
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <form method="get" action={COUNTER_PATH} class="form filters">
        <fieldset>
          <legend safe>{t(lang, '番号で探す', 'By number')}</legend>
          <div class="field"><label for="q-resident" safe>{t(lang, '住記個人番号', 'Resident number')}</label><input id="q-resident" name="residentNumber" value={form.residentNumber} autocomplete="off" /></div>
          <div class="field"><label for="q-addressee" safe>{t(lang, '宛名番号', 'Addressee number')}</label><input id="q-addressee" name="addresseeNumber" value={form.addresseeNumber} autocomplete="off" /></div>
        </fieldset>
        <fieldset>
          <legend safe>{t(lang, '氏名カナと生年月日で探す', 'By name (kana) and birth date')}</legend>
          <div class="field"><label for="q-kana" safe>{t(lang, '氏名カナ', 'Name in kana')}</label><input id="q-kana" name="nameKana" value={form.nameKana} autocomplete="off" /></div>
          <div class="field"><label for="q-birth" safe>{t(lang, '生年月日', 'Birth date')}</label><input id="q-birth" name="birthDate" type="date" value={form.birthDate} /></div>
        </fieldset>
        <button type="submit" class="button" safe>{t(lang, '検索', 'Search')}</button>
      </form>
      {p.results === undefined ? '' : p.results.length === 0 ? (
        <p role="status" safe>{t(lang, '該当する方はいません。', 'Nobody matches.')}</p>
      ) : (
        <table class="table">
          <caption safe>{t(lang, `検索結果 ${p.results.length}件`, `${p.results.length} found`)}</caption>
          <thead><tr>
            <th scope="col" safe>{t(lang, '住記個人番号', 'Resident number')}</th><th scope="col" safe>{t(lang, '氏名', 'Name')}</th>
            <th scope="col" safe>{t(lang, '氏名カナ', 'Kana')}</th><th scope="col" safe>{t(lang, '生年月日', 'Birth date')}</th><th scope="col" safe>{t(lang, '住所', 'Address')}</th>
          </tr></thead>
          <tbody>
            {p.results.map((r) => (
              <tr>
                <td><a href={personHref(r.residentNumber)} safe>{r.residentNumber}</a></td>
                <td safe>{r.name}</td><td safe>{r.nameKana}</td><td safe>{formatWareki(r.birthDate)}</td><td safe>{`${r.address} ${r.building}`.trim()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}

const cautionText: Record<string, { ja: string; en: string }> = {
  deceased: { ja: '死亡: 相続人等への交付か、書類で確認してください', en: 'Deceased: check the documents of the heir asking' },
  moved_out: { ja: '転出済み: 1月1日に本市に住所があった年度のみ証明できます', en: 'Moved out: only years when the person lived here on 1 January' },
  support_measure: { ja: '支援措置対象: 本人確認のうえ本人にのみ交付してください', en: 'Support measure: issue to the person themself only, after checking identity' },
  moved_in_today: { ja: '本日転入', en: 'Moved in today' },
};

export interface PersonPageProps extends PageContext {
  person: ResidentSummary;
  cautions: string[];
  years: number[];
  feePerCopyYen: number;
  issued: IssuanceRecord[];
  mayRevoke: boolean;
  notice?: { kind: 'error' | 'done'; text: string } | undefined;
}

function factsLine(lang: Lang, f: ResidentFacts): string {
  const status = f.status === '住民' ? t(lang, '住民', 'Resident') : f.status === '転出' ? t(lang, '転出', 'Moved out') : t(lang, '死亡', 'Deceased');
  return `${status}${f.statusDate ? ` (${formatWareki(f.statusDate)})` : ''}`;
}

export function CounterPersonPage(p: PersonPageProps) {
  const { lang, person } = p;
  const csrf = p.session?.csrfToken ?? '';
  const title = t(lang, '税証明書の交付', 'Issue a tax certificate');
  return (
    <ConsoleLayout {...p} title={title}>
      <p><a href={COUNTER_PATH} safe>{t(lang, '← 検索に戻る', '← Back to search')}</a></p>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <dl class="facts">
        <dt safe>{t(lang, '氏名', 'Name')}</dt><dd safe>{`${person.name}（${person.nameKana}）`}</dd>
        <dt safe>{t(lang, '生年月日・性別', 'Birth date, sex')}</dt><dd safe>{`${formatWareki(person.birthDate)} ${person.sex}`}</dd>
        <dt safe>{t(lang, '住所', 'Address')}</dt><dd safe>{`${person.address} ${person.building}`.trim()}</dd>
        <dt safe>{t(lang, '住記個人番号 / 宛名番号', 'Resident / addressee number')}</dt><dd safe>{`${person.residentNumber} / ${person.addresseeNumber}`}</dd>
        <dt safe>{t(lang, '住民状態', 'Status')}</dt><dd safe>{factsLine(lang, person.facts)}</dd>
      </dl>
      {p.cautions.length ? (
        <div class="notice" role="note">
          <p safe>{t(lang, '交付前に確認してください:', 'Check before issuing:')}</p>
          <ul>{p.cautions.map((c) => <li safe>{pick(lang, cautionText[c] ?? { ja: c, en: c })}</li>)}</ul>
        </div>
      ) : ''}
      {p.years.length === 0 ? <p safe>{t(lang, '課税情報がありません。', 'No tax records.')}</p> : (
        <form method="post" action={`${personHref(person.residentNumber)}/issue`} class="form">
          <input type="hidden" name="csrf" value={csrf} />
          <div class="field">
            <label for="issue-type" safe>{t(lang, '証明書の種類', 'Certificate type')}</label>
            <select id="issue-type" name="type">
              {(Object.keys(certificateTypes) as CertificateType[]).map((type) => <option value={type} safe>{pick(lang, certificateTypes[type])}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="issue-year" safe>{t(lang, '年度', 'Fiscal year')}</label>
            <select id="issue-year" name="fiscalYear">{p.years.map((y) => <option value={String(y)} safe>{formatFiscalYear(y)}</option>)}</select>
          </div>
          <div class="field">
            <label for="issue-copies" safe>{t(lang, '部数', 'Copies')}</label>
            <input id="issue-copies" name="copies" type="number" min="1" max="20" value="1" />
            <p class="hint" safe>{t(lang, `手数料 1通 ${yen(lang, p.feePerCopyYen)}（現金）`, `Fee ${yen(lang, p.feePerCopyYen)} per copy (cash)`)}</p>
          </div>
          <button type="submit" class="button" safe>{t(lang, '発行して印刷（PDF）', 'Issue and print (PDF)')}</button>
        </form>
      )}
      <h2 safe>{t(lang, '交付済みの証明書', 'Certificates issued')}</h2>
      {p.issued.length === 0 ? <p safe>{t(lang, 'ありません。', 'None.')}</p> : (
        <table class="table">
          <thead><tr>
            <th scope="col" safe>{t(lang, '証明書番号', 'Number')}</th><th scope="col" safe>{t(lang, '種類', 'Type')}</th><th scope="col" safe>{t(lang, '年度', 'Year')}</th>
            <th scope="col" safe>{t(lang, '経路', 'Channel')}</th><th scope="col" safe>{t(lang, '交付日時', 'Issued')}</th><th scope="col" safe>{t(lang, '部数・手数料', 'Copies, fee')}</th><th scope="col" safe>{t(lang, '状態', 'State')}</th>
          </tr></thead>
          <tbody>
            {p.issued.map((c) => (
              <tr>
                <td safe>{formatLuhnNumber(c.certificateNumber)}</td>
                <td safe>{pick(lang, certificateTypes[c.certificateType])}</td>
                <td safe>{formatFiscalYear(c.fiscalYear)}</td>
                <td safe>{pick(lang, channelLabels[c.channel])}</td>
                <td safe>{formatInstant(c.issuedAt)}</td>
                <td safe>{`${c.copies} / ${yen(lang, c.feeYen)}`}</td>
                <td>
                  {c.revoked ? <span safe>{t(lang, `失効（${c.revoked.reason}）`, `Revoked (${c.revoked.reason})`)}</span> : p.mayRevoke ? (
                    <form method="post" action={`${COUNTER_PATH}/issued/${c.certificateNumber}/revoke`} class="inline-form">
                      <input type="hidden" name="csrf" value={csrf} />
                      <label for={`revoke-${c.certificateNumber}`} safe>{t(lang, '失効理由', 'Reason')}</label>
                      <input id={`revoke-${c.certificateNumber}`} name="reason" required maxlength="200" />
                      <button type="submit" class="button button-secondary" safe>{t(lang, '失効させる', 'Revoke')}</button>
                    </form>
                  ) : <span safe>{t(lang, '有効', 'Valid')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}

/** The refusal as the clerk reads it. */
export const refusalText = (lang: Lang, reason: RefusalReason): string => pick(lang, refusalMessages[reason]);
