// 申請の詳細: one application as the clerk reviews it — facts, the decisions the state allows, the review assist's
// verdict, the values (masked where they must be), attachments, payments, comments and the history. Plain forms only.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { formatInstant } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import type { ProcedureDefinition } from '../../domain/procedure.ts';
import { actionsNeedingReason, type ApplicationAction, type ApplicationState, applicationActions, isApplicationState } from '../../domain/state.ts';
import type { ApplicationRow } from '../../store.ts';
import type { StoredVerdict } from '../store.ts';
import { applicationHref, channelLabel, INBOX_PATH, type InboxPageContext, Notice, stateLabel } from './common.tsx';
import { type Revealed, ValuesTable } from './values.tsx';
import { VerdictSection } from './verdict.tsx';

/** An attachment as the page lists it. */
export interface AttachmentView {
  attachmentId: string;
  fileName: string;
  mediaType: string;
  byteSize: number;
  scanResult: string;
}

/** A payment as the page lists it: amounts and states only. */
export interface PaymentView {
  paymentId: string;
  amountYen: number;
  refundedYen: number;
  state: string;
  method: string | null;
  at: Date | null;
}

/** One entry of 処理履歴. */
export interface HistoryView {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  fromState: ApplicationState | null;
  toState: ApplicationState | null;
  comment: string | null;
}

export interface InboxDetailProps {
  application: ApplicationRow;
  definition: ProcedureDefinition;
  values: Record<string, unknown>;
  revealed: Revealed;
  attachments: AttachmentView[];
  payments: PaymentView[] | undefined;
  history: HistoryView[];
  verdict: StoredVerdict | undefined;
  /** Set when the member of staff may decide: the actions offered, the csrf token, whom to assign to. */
  decide: { csrfToken: string; actions: ApplicationAction[]; me: string; assignees: Array<{ loginId: string; displayName: string }> } | undefined;
  notice: { kind: 'error' | 'done'; text: string } | undefined;
}

const historyActionLabel = (lang: Lang, action: string): string => {
  const known: Record<string, [string, string]> = {
    created: ['作成', 'Created'], submitted: ['申請', 'Submitted'], paid: ['決済', 'Paid'], comment: ['コメント', 'Comment'],
    assign: ['担当割当', 'Assigned'], unassign: ['担当解除', 'Unassigned'], handed_over: ['引渡し', 'Handed over'],
  };
  const a = known[action] ?? (Object.hasOwn(applicationActions, action) ? [applicationActions[action as ApplicationAction].ja, applicationActions[action as ApplicationAction].en] : undefined);
  return a ? t(lang, a[0], a[1]) : action;
};

function Facts({ lang, app, definition }: { lang: Lang; app: ApplicationRow; definition: ProcedureDefinition }) {
  return (
    <dl class="facts">
      <dt safe>{t(lang, '受付番号', 'Receipt number')}</dt><dd><code safe>{app.receiptNumber ?? ''}</code></dd>
      <dt safe>{t(lang, '手続き', 'Procedure')}</dt>
      <dd safe>{`${t(lang, definition.title.ja, definition.title.en)} ${t(lang, `（第${app.procedureVersion}版）`, `(version ${app.procedureVersion})`)}`}</dd>
      <dt safe>{t(lang, '状態', 'State')}</dt><dd><strong safe>{stateLabel(lang, app.state)}</strong></dd>
      <dt safe>{t(lang, '申請日時（日本時間）', 'Submitted (JST)')}</dt><dd safe>{formatInstant(app.submittedAt)}</dd>
      <dt safe>{t(lang, '受付経路', 'Channel')}</dt><dd safe>{channelLabel(lang, app.channel)}</dd>
      <dt safe>{t(lang, '担当', 'Assignee')}</dt><dd>{app.assignedTo ? <code safe>{app.assignedTo}</code> : <span safe>{t(lang, '未割当', 'Unassigned')}</span>}</dd>
      <dt safe>{t(lang, '通数・手数料', 'Copies and fee')}</dt><dd safe>{t(lang, `${app.copies}通・${app.feeYen.toLocaleString('ja')}円`, `${app.copies} cop${app.copies === 1 ? 'y' : 'ies'}, ¥${app.feeYen.toLocaleString('en')}`)}</dd>
    </dl>
  );
}

function Decisions({ lang, app, decide }: { lang: Lang; app: ApplicationRow; decide: NonNullable<InboxDetailProps['decide']> }) {
  const href = applicationHref(app.applicationId);
  const needsReason = decide.actions.some((a) => actionsNeedingReason.includes(a));
  return (
    <section aria-labelledby="inbox-decide">
      <h2 id="inbox-decide" safe>{t(lang, '審査', 'Decision')}</h2>
      {decide.actions.length ? (
        <form method="post" action={`${href}/transition`} class="form">
          <input type="hidden" name="csrf" value={decide.csrfToken} />
          <input type="hidden" name="shownState" value={app.state} />
          <div class="field">
            <label for="inbox-reason" safe>{needsReason
              ? t(lang, '理由（差戻し・却下では必須。申請者に通知されます）', 'Reason (required to return or reject; sent to the applicant)')
              : t(lang, '理由・メモ（任意。申請者に通知されます）', 'Reason or note (optional; sent to the applicant)')}</label>
            <textarea id="inbox-reason" name="reason" rows="3" maxlength="2000"></textarea>
          </div>
          <p class="actions">
            {decide.actions.map((a) => <button type="submit" name="action" value={a} class="button" safe>{t(lang, applicationActions[a].ja, applicationActions[a].en)}</button>)}
          </p>
        </form>
      ) : <p safe>{t(lang, 'この状態で職員が行う操作はありません。', 'No staff action applies in this state.')}</p>}
      <form method="post" action={`${href}/assign`} class="form">
        <input type="hidden" name="csrf" value={decide.csrfToken} />
        <div class="field">
          <label for="inbox-assignee" safe>{t(lang, '担当', 'Assignee')}</label>
          <select id="inbox-assignee" name="assignee">
            <option value="" selected={app.assignedTo === null} safe>{t(lang, '未割当（担当を外す）', 'Unassigned (remove)')}</option>
            <option value={decide.me} selected={app.assignedTo === decide.me} safe>{t(lang, `自分（${decide.me}）`, `Me (${decide.me})`)}</option>
            {decide.assignees.filter((s) => s.loginId !== decide.me).map((s) => (
              <option value={s.loginId} selected={app.assignedTo === s.loginId} safe>{`${s.displayName}（${s.loginId}）`}</option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-secondary" safe>{t(lang, '担当を変更', 'Change assignee')}</button>
      </form>
    </section>
  );
}

function Attachments({ lang, app, attachments }: { lang: Lang; app: ApplicationRow; attachments: AttachmentView[] }) {
  if (!attachments.length) return <p safe>{t(lang, '添付書類はありません。', 'No attachments.')}</p>;
  return (
    <table class="data-table">
      <caption class="visually-hidden" safe>{t(lang, '添付書類', 'Attachments')}</caption>
      <thead><tr>{[t(lang, 'ファイル名', 'File name'), t(lang, '形式', 'Type'), t(lang, 'サイズ', 'Size'), t(lang, 'ウイルス検査', 'Virus scan')].map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
      <tbody>
        {attachments.map((a) => (
          <tr>
            <td><a href={`${applicationHref(app.applicationId)}/attachments/${a.attachmentId}`} download="" safe>{a.fileName}</a></td>
            <td safe>{a.mediaType}</td>
            <td safe>{`${Math.max(1, Math.round(a.byteSize / 1024)).toLocaleString(lang)} KB`}</td>
            <td safe>{a.scanResult === 'clean' ? t(lang, '検査済み', 'Scanned, clean') : t(lang, '未検査（ClamAV なし）', 'Not scanned (no ClamAV)')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Payments({ lang, payments }: { lang: Lang; payments: PaymentView[] }) {
  if (!payments.length) return <p safe>{t(lang, '決済はありません。', 'No payments.')}</p>;
  return (
    <table class="data-table">
      <caption class="visually-hidden" safe>{t(lang, '決済', 'Payments')}</caption>
      <thead><tr>{[t(lang, '日時', 'When'), t(lang, '方法', 'Method'), t(lang, '金額', 'Amount'), t(lang, '返金', 'Refunded'), t(lang, '状態', 'State')].map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
      <tbody>
        {payments.map((p) => (
          <tr>
            <td safe>{formatInstant(p.at)}</td>
            <td safe>{p.method ?? '—'}</td>
            <td safe>{`${p.amountYen.toLocaleString('ja')}円`}</td>
            <td safe>{`${p.refundedYen.toLocaleString('ja')}円`}</td>
            <td safe>{p.state}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function History({ lang, history }: { lang: Lang; history: HistoryView[] }) {
  const state = (s: string | null) => (s && isApplicationState(s) ? stateLabel(lang, s) : '');
  return (
    <table class="data-table">
      <caption class="visually-hidden" safe>{t(lang, '処理履歴', 'History')}</caption>
      <thead><tr>{[t(lang, '日時（日本時間）', 'When (JST)'), t(lang, '操作者', 'By'), t(lang, '操作', 'Action'), t(lang, '状態', 'State'), t(lang, '理由・コメント', 'Reason or comment')].map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
      <tbody>
        {history.map((h) => (
          <tr>
            <td safe>{formatInstant(h.at)}</td>
            <td><code safe>{h.actor}</code></td>
            <td safe>{historyActionLabel(lang, h.action)}</td>
            <td>{h.toState ? `${state(h.fromState)} → ${state(h.toState)}` : ''}</td>
            <td safe>{h.comment ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Comments({ lang, app, history, csrfToken }: { lang: Lang; app: ApplicationRow; history: HistoryView[]; csrfToken: string | undefined }) {
  const comments = history.filter((h) => h.action === 'comment');
  return (
    <>
      {comments.length
        ? <ul>{comments.map((c) => <li><span safe>{`${formatInstant(c.at)} ${c.actor}: `}</span><span safe>{c.comment ?? ''}</span></li>)}</ul>
        : <p safe>{t(lang, 'コメントはありません。', 'No comments yet.')}</p>}
      {csrfToken ? (
        <form method="post" action={`${applicationHref(app.applicationId)}/comment`} class="form">
          <input type="hidden" name="csrf" value={csrfToken} />
          <div class="field">
            <label for="inbox-comment" safe>{t(lang, 'コメント（職員のみ閲覧）', 'Comment (staff only)')}</label>
            <textarea id="inbox-comment" name="comment" rows="3" maxlength="2000" required></textarea>
          </div>
          <button type="submit" class="button button-secondary" safe>{t(lang, 'コメントを追加', 'Add comment')}</button>
        </form>
      ) : ''}
    </>
  );
}

/** The detail page. */
export function InboxDetailPage(ctx: InboxPageContext & InboxDetailProps) {
  const { lang, application: app, definition } = ctx;
  const title = t(lang, `申請 ${app.receiptNumber ?? ''}`, `Application ${app.receiptNumber ?? ''}`);
  return (
    <ConsoleLayout {...ctx} title={title}>
      <p><a href={INBOX_PATH} safe>{t(lang, '← 申請受付の一覧へ', '← Back to the applications')}</a></p>
      <h1 safe>{title}</h1>
      <Notice notice={ctx.notice} />
      <Facts lang={lang} app={app} definition={definition} />
      {ctx.decide ? <Decisions lang={lang} app={app} decide={ctx.decide} /> : ''}
      {definition.reviewAssist ? <VerdictSection lang={lang} applicationId={app.applicationId} verdict={ctx.verdict} csrfToken={ctx.decide?.csrfToken} /> : ''}
      <section aria-labelledby="inbox-values">
        <h2 id="inbox-values" safe>{t(lang, '申請内容', 'Values')}</h2>
        <ValuesTable lang={lang} applicationId={app.applicationId} definition={definition} values={ctx.values} revealed={ctx.revealed} />
      </section>
      <section aria-labelledby="inbox-attachments">
        <h2 id="inbox-attachments" safe>{t(lang, '添付書類', 'Attachments')}</h2>
        <Attachments lang={lang} app={app} attachments={ctx.attachments} />
      </section>
      {ctx.payments ? (
        <section aria-labelledby="inbox-payments">
          <h2 id="inbox-payments" safe>{t(lang, '決済', 'Payments')}</h2>
          <Payments lang={lang} payments={ctx.payments} />
        </section>
      ) : ''}
      <section aria-labelledby="inbox-comments">
        <h2 id="inbox-comments" safe>{t(lang, 'コメント', 'Comments')}</h2>
        <Comments lang={lang} app={app} history={ctx.history} csrfToken={ctx.decide?.csrfToken} />
      </section>
      <section aria-labelledby="inbox-history">
        <h2 id="inbox-history" safe>{t(lang, '処理履歴', 'History')}</h2>
        <History lang={lang} history={ctx.history} />
      </section>
    </ConsoleLayout>
  );
}
