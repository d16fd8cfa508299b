// カード情報: one card's record with the items of seed 001 (2) grouped as a clerk reads them, its status and the steps
// allowed from it as buttons (one form: comment, reason and destination site go with whichever step is pressed), the
// fee collection (徴収日・区分・金額), the memo, マイナンバーカード履歴 with the comments explaining each step, and the
// comments on their own (データ処理履歴). Every form carries the RowStamp shown: a card changed since is refused.
import type { Children } from '@kitajs/html';
import type { Lang } from '../../../../../platform/errors.ts';
import { t } from '../../../../../platform/http/language.ts';
import { formatInstant, pick, yen } from '../../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../../platform/ui/layout.tsx';
import { Notice, type PageNotice } from '../../../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../../../shell/pages/page-context.ts';
import type { CardRecord } from '../../../domain/card-record.ts';
import { type CardStep, isCardStep, stepRule } from '../../../domain/card-status.ts';
import type { HistoryLine } from '../../store.ts';
import { cardImagesPath } from '../../../images/pages/paths.ts';
import { cardPath, CARDS_PATH } from '../paths.ts';
import type { FeeCollection, LooseComment } from '../store.ts';
import { type SiteName, siteName, StepFields, statusName } from './parts.tsx';

export interface CardPageProps extends PageContext {
  csrf: string;
  card: CardRecord;
  history: readonly HistoryLine[];
  comments: readonly LooseComment[];
  fee: FeeCollection | null;
  /** The steps allowed from the card's status. */
  steps: readonly CardStep[];
  sites: readonly SiteName[];
  mayAct: boolean;
  /** Whether the viewer may see the card's document images (card.images.read). */
  mayViewImages: boolean;
  notice?: PageNotice | undefined;
}

type Item = [label: { ja: string; en: string }, value: string];

const yesNo = (lang: Lang, v: boolean) => t(lang, v ? 'あり' : 'なし', v ? 'yes' : 'no');
const checked = (lang: Lang, v: boolean) => (v ? '✓' : t(lang, '－', '-'));

const receptionNames = { counter: { ja: '窓口', en: 'Counter' }, mail: { ja: '郵送', en: 'Post' }, online: { ja: 'オンライン', en: 'Online' }, photo_booth: { ja: '証明写真機', en: 'Photo booth' }, outreach: { ja: '出張申請', en: 'Outreach' } };
const visitNames = { at_pickup: { ja: '交付時来庁', en: 'Collect in person' }, at_application: { ja: '申請時来庁', en: 'Identity checked at application' } };
const kindNames = { new: { ja: '新規', en: 'New' }, renewal: { ja: '更新', en: 'Renewal' }, reissue: { ja: '再交付', en: 'Reissue' } };
const categoryNames = { cash: { ja: '現金', en: 'Cash' }, cashless: { ja: 'キャッシュレス', en: 'Cashless' } };
const lineNames: Record<string, { ja: string; en: string }> = {
  register: { ja: 'カード情報の登録', en: 'Registered' }, send_reminder: { ja: '督促状送付', en: 'Reminder sent' }, collect_fee: { ja: '手数料の徴収', en: 'Fee collected' }, edit_memo: { ja: 'メモの変更', en: 'Memo changed' },
};

/** The record's items as seed 001 (2) lists them, grouped. */
function groups(lang: Lang, c: CardRecord, sites: readonly SiteName[]): Array<[title: { ja: string; en: string }, items: Item[]]> {
  const site = (code: string) => siteName(lang, sites, code);
  return [
    [{ ja: '申請', en: 'Application' }, [
      [{ ja: '申請書ID', en: 'Application ID' }, c.applicantIdDisplay], [{ ja: '申請受付日', en: 'Received on' }, c.receivedOn],
      [{ ja: '申請受付方式', en: 'Received by' }, pick(lang, receptionNames[c.receptionMethod])], [{ ja: '来庁方式', en: 'Visit' }, pick(lang, visitNames[c.visitMethod])],
      [{ ja: '交付種別', en: 'Kind' }, pick(lang, kindNames[c.issueKind])], [{ ja: '登録事由', en: 'Reason entered' }, c.registrationReason],
      [{ ja: '申請場所', en: 'Applied at' }, site(c.applicationSiteCode)],
    ]],
    [{ ja: '本人', en: 'Holder' }, [
      [{ ja: '氏名', en: 'Name' }, c.name], [{ ja: '氏名カナ', en: 'Name in kana' }, c.nameKana ?? ''], [{ ja: '住所', en: 'Address' }, c.address], [{ ja: '生年月日', en: 'Date of birth' }, c.birthDate],
      [{ ja: '性別', en: 'Gender' }, t(lang, c.gender === 'female' ? '女' : '男', c.gender)],
    ]],
    [{ ja: 'カード', en: 'Card' }, [
      [{ ja: '製造管理番号', en: 'Manufacturing number' }, c.manufacturingNumber ?? ''], [{ ja: '点字', en: 'Braille' }, yesNo(lang, c.braille)],
      [{ ja: '署名用電子証明書', en: 'Signature certificate' }, yesNo(lang, c.signatureCertificate)], [{ ja: '利用者証明用電子証明書', en: 'User certificate' }, yesNo(lang, c.userCertificate)],
      [{ ja: '代替文字使用', en: 'Substitute characters' }, yesNo(lang, c.substituteCharacters)], [{ ja: '代理人交付', en: 'Handed to a proxy' }, yesNo(lang, c.proxyIssuance)],
    ]],
    [{ ja: 'ステータスとチェック', en: 'Status and checks' }, [
      [{ ja: 'カードステータス', en: 'Status' }, statusName(lang, c.status)], [{ ja: 'ステータス更新日時', en: 'Since' }, formatInstant(c.statusSince)],
      [{ ja: '交付前設定済', en: 'Prepared' }, checked(lang, c.flags.setupDone)], [{ ja: '手書きチェック', en: 'Handwriting checked' }, checked(lang, c.handwrittenChecked)],
      [{ ja: '交付完了チェック', en: 'Issue completed' }, checked(lang, c.flags.issueCompleted)], [{ ja: '交付取りやめチェック', en: 'Cancelled' }, checked(lang, c.flags.cancelChecked)],
      [{ ja: '再発行依頼チェック', en: 'Reissue requested' }, checked(lang, c.flags.reissueRequested)], [{ ja: '失効処理チェック', en: 'Revoked' }, checked(lang, c.flags.revocationChecked)],
      [{ ja: '破棄処理チェック', en: 'Disposed of' }, checked(lang, c.flags.disposalChecked)],
    ]],
    [{ ja: '日付と事由', en: 'Dates and reasons' }, [
      [{ ja: 'カード管理開始日', en: 'Arrived on' }, c.dates.managementStartedOn ?? ''], [{ ja: '交付前設定処理完了日', en: 'Prepared on' }, c.dates.setupCompletedOn ?? ''],
      [{ ja: '交付通知書発送日', en: 'Notice sent on' }, c.dates.noticeSentOn ?? ''], [{ ja: 'カード交付日', en: 'Issued on' }, c.dates.issuedOn ?? ''],
      [{ ja: 'カード回収日', en: 'Recovered on' }, c.dates.recoveredOn ?? ''], [{ ja: 'カード廃棄日', en: 'Disposed of on' }, c.dates.disposedOn ?? ''],
      [{ ja: '交付取りやめ事由', en: 'Cancellation reason' }, c.reasons.cancelReason ?? ''], [{ ja: '失効事由', en: 'Revocation reason' }, c.reasons.revocationReason ?? ''],
      [{ ja: '回収事由', en: 'Recovery reason' }, c.reasons.recoveryReason ?? ''], [{ ja: 'カード廃棄事由', en: 'Disposal reason' }, c.reasons.disposalReason ?? ''],
    ]],
    [{ ja: '保管と交付', en: 'Storage and issue' }, [
      [{ ja: 'カード保管場所', en: 'Kept at' }, site(c.storageSiteCode)], [{ ja: 'カード交付場所', en: 'Issued at' }, site(c.issuingSiteCode)],
      [{ ja: '有料・無料', en: 'Fee' }, t(lang, c.feeRequired ? '有料' : '無料', c.feeRequired ? 'Charged' : 'Free')], [{ ja: '交付手数料', en: 'Fee amount' }, yen(lang, c.feeAmount)],
    ]],
  ];
}

/** A form of the card's page carrying the RowStamp shown. */
function CardForm(p: CardPageProps & { form: 'step' | 'fee' | 'memo'; children?: Children }) {
  return (
    <form method="post" action={cardPath(p.card.applicantId, p.form)} class="form" id={`${p.form}-form`}>
      <input type="hidden" name="csrf" value={p.csrf} />
      <input type="hidden" name="rowVersion" value={String(p.card.rowVersion)} />
      {p.children}
    </form>
  );
}

function StepForm(p: CardPageProps) {
  const { lang } = p;
  if (p.steps.length === 0) return <p safe>{t(lang, 'このステータスからできる操作はありません。', 'No step is possible from this status.')}</p>;
  return (
    <CardForm {...p} form="step">
      <StepFields lang={lang} prefix="s" sites={p.sites.filter((s) => s.code !== p.card.storageSiteCode)} />
      <div class="actions">
        {p.steps.map((s) => <button type="submit" name="step" value={s} class="button" safe>{pick(lang, stepRule(s))}</button>)}
      </div>
    </CardForm>
  );
}

function FeeForm(p: CardPageProps) {
  const { lang } = p;
  return (
    <CardForm {...p} form="fee">
      <div class="field"><label for="fee-on" safe>{t(lang, '徴収日', 'Collected on')}</label><input id="fee-on" name="collectedOn" type="date" required value={p.fee?.collectedOn ?? ''} /></div>
      <div class="field">
        <label for="fee-category" safe>{t(lang, '徴収区分', 'Paid by')}</label>
        <select id="fee-category" name="category">
          {(['cash', 'cashless'] as const).map((c) => <option value={c} selected={p.fee?.category === c} safe>{pick(lang, categoryNames[c])}</option>)}
        </select>
      </div>
      <div class="field"><label for="fee-amount" safe>{t(lang, '交付手数料（円）', 'Fee (yen)')}</label><input id="fee-amount" name="amount" inputmode="numeric" required maxlength="6" value={String(p.fee?.amount ?? (p.card.feeAmount || ''))} /></div>
      <button type="submit" class="button button-secondary" safe>{t(lang, '徴収を記録', 'Record the collection')}</button>
    </CardForm>
  );
}

function NoteForms(p: CardPageProps) {
  const { lang } = p;
  return (
    <>
      <CardForm {...p} form="memo">
        <div class="field"><label for="memo" safe>{t(lang, 'メモ', 'Memo')}</label><textarea id="memo" name="memo" rows="3" maxlength="1000" safe>{p.card.memo}</textarea></div>
        <button type="submit" class="button button-secondary" safe>{t(lang, 'メモを保存', 'Save the memo')}</button>
      </CardForm>
      <form method="post" action={cardPath(p.card.applicantId, 'comment')} class="form">
        <input type="hidden" name="csrf" value={p.csrf} />
        <div class="field"><label for="comment" safe>{t(lang, 'コメントを追加（データ処理履歴）', 'Add a comment (processing history)')}</label><input id="comment" name="comment" required maxlength="1000" autocomplete="off" /></div>
        <button type="submit" class="button button-secondary" safe>{t(lang, 'コメントを追加', 'Add the comment')}</button>
      </form>
    </>
  );
}

function HistoryTable({ lang, history }: { lang: Lang; history: readonly HistoryLine[] }) {
  const stepName = (step: string) => (isCardStep(step) ? pick(lang, stepRule(step)) : pick(lang, lineNames[step] ?? { ja: step, en: step }));
  return (
    <table class="data-table" id="card-history">
      <thead><tr>
        <th scope="col" safe>{t(lang, '更新日時', 'When')}</th><th scope="col" safe>{t(lang, '履歴', 'Step')}</th>
        <th scope="col" safe>{t(lang, 'ステータス', 'Status')}</th><th scope="col" safe>{t(lang, '内容', 'Detail')}</th>
        <th scope="col" safe>{t(lang, 'コメント', 'Comments')}</th><th scope="col" safe>{t(lang, '更新者', 'By')}</th>
      </tr></thead>
      <tbody>
        {history.map((h) => (
          <tr>
            <td safe>{formatInstant(h.changedAt)}</td>
            <td safe>{stepName(h.step)}</td>
            <td safe>{h.fromStatus && h.fromStatus !== h.toStatus ? `${statusName(lang, h.fromStatus)} → ${statusName(lang, h.toStatus)}` : statusName(lang, h.toStatus)}</td>
            <td safe>{h.detail}</td>
            <td safe>{h.comments.join(' / ')}</td>
            <td safe>{h.changedBy}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CardPage(p: CardPageProps) {
  const { lang, card } = p;
  const title = t(lang, `カード情報 ${card.applicantIdDisplay}`, `Card ${card.applicantIdDisplay}`);
  return (
    <ConsoleLayout {...p} title={title}>
      <p><a href={CARDS_PATH} safe>{t(lang, 'カード交付管理の一覧へ', 'Back to the card list')}</a></p>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      {p.mayViewImages ? <p><a href={cardImagesPath(card.applicantId)} safe>{t(lang, 'このカードの帳票イメージ', 'This card\'s document images')}</a></p> : ''}
      <p id="card-status" safe>{t(lang, `カードステータス: ${statusName(lang, card.status)}`, `Status: ${statusName(lang, card.status)}`)}</p>
      {p.mayAct ? <section aria-labelledby="steps-h"><h2 id="steps-h" safe>{t(lang, '操作', 'Steps')}</h2><StepForm {...p} /></section> : ''}
      {groups(lang, card, p.sites).map(([heading, items]) => (
        <section>
          <h2 safe>{pick(lang, heading)}</h2>
          <dl class="summary">{items.map(([label, value]) => <><dt safe>{pick(lang, label)}</dt><dd safe>{value}</dd></>)}</dl>
        </section>
      ))}
      <section aria-labelledby="fee-h">
        <h2 id="fee-h" safe>{t(lang, '手数料の徴収', 'Fee collection')}</h2>
        <p id="fee-record" safe>{p.fee
          ? t(lang, `徴収日 ${p.fee.collectedOn}・${categoryNames[p.fee.category].ja}・${yen(lang, p.fee.amount)}`, `Collected ${p.fee.collectedOn}, ${categoryNames[p.fee.category].en}, ${yen(lang, p.fee.amount)}`)
          : t(lang, '徴収の記録はありません。', 'No collection recorded.')}</p>
        {p.mayAct ? <FeeForm {...p} /> : ''}
      </section>
      <section aria-labelledby="memo-h">
        <h2 id="memo-h" safe>{t(lang, 'メモとコメント', 'Memo and comments')}</h2>
        {p.mayAct ? <NoteForms {...p} /> : <p safe>{card.memo}</p>}
        {p.comments.length === 0 ? '' : (
          <ul id="card-comments">{p.comments.map((c) => <li safe>{`${formatInstant(c.writtenAt)} ${c.writtenBy}: ${c.comment}`}</li>)}</ul>
        )}
      </section>
      <section aria-labelledby="history-h">
        <h2 id="history-h" safe>{t(lang, 'マイナンバーカード履歴', 'Card history')}</h2>
        <HistoryTable lang={lang} history={p.history} />
      </section>
    </ConsoleLayout>
  );
}
