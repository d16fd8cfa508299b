// 送信メール: the newest mail of the municipality, sent or waiting, with its address, subject and body (opened with
// <details>, no script) — for administrators in the demo and for enquiries ("did the confirmation go out?").
import { t } from '../../../../platform/http/language.ts';
import type { OutboxMail } from '../../../../platform/mail/index.ts';
import { formatInstant } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';

export const OUTBOX_PATH = '/console/mail/outbox';

export function OutboxPage(p: PageContext & { mails: OutboxMail[]; category: string }) {
  const { lang } = p;
  const title = t(lang, '送信メール', 'Mail outbox');
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <form method="get" action={OUTBOX_PATH} class="form filters">
        <div class="field"><label for="o-category" safe>{t(lang, '種類（前方一致、例: card.）', 'Kind (starts with, e.g. card.)')}</label><input id="o-category" name="category" value={p.category} /></div>
        <button type="submit" class="button" safe>{t(lang, '表示', 'Show')}</button>
      </form>
      <p safe>{t(lang, `新しい順に${p.mails.length}通。送信済みのメールは30日後に消去されます。`, `${p.mails.length} mails, newest first. Sent mail is deleted after 30 days.`)}</p>
      {p.mails.length === 0 ? <p role="status" safe>{t(lang, 'メールはありません。', 'No mail.')}</p> : (
        <table class="table">
          <thead><tr>
            <th scope="col" safe>{t(lang, '作成', 'Queued')}</th><th scope="col" safe>{t(lang, '種類', 'Kind')}</th><th scope="col" safe>{t(lang, '宛先', 'To')}</th>
            <th scope="col" safe>{t(lang, '件名・本文', 'Subject and text')}</th><th scope="col" safe>{t(lang, '状態', 'State')}</th>
          </tr></thead>
          <tbody>
            {p.mails.map((m) => (
              <tr>
                <td safe>{formatInstant(m.createdAt)}</td>
                <td safe>{m.category}</td>
                <td safe>{m.to}</td>
                <td><details><summary safe>{m.subject}</summary><pre class="mail-text" safe>{m.text}</pre></details></td>
                <td safe>{m.sentAt ? t(lang, `送信済 ${formatInstant(m.sentAt)}`, `Sent ${formatInstant(m.sentAt)}`)
                  : m.lastError ? t(lang, `未送信（${m.attempts}回失敗: ${m.lastError}）`, `Not sent (${m.attempts} failed: ${m.lastError})`)
                    : t(lang, '送信待ち', 'Waiting')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}
