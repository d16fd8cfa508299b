// 個人情報ファイル: the platform's mail outbox — every e-mail to a resident, kept until sent and for 30 days after —
// declared like the modules' files so the 個人情報ファイル簿 names it too.
import { type PersonalDataFile, type PersonalDataItem, personalItem } from '../register/personal-data.ts';
import type { OtherDisposal } from '../register/retention.ts';

/** What the register says about the outbox (送信メール). */
export const mailOutboxFile = {
  fileId: 'mail_outbox',
  title: { ja: '送信メール', en: 'Mail outbox' },
  department: { ja: '各手続きの担当課（送信元の手続きによる）', en: 'The division of the procedure that sends the mail' },
  purpose: {
    ja: '受付・予約・通知の電子メールを本人へ送信し、送信の記録を確認するため',
    en: 'To send receipts, booking mails and notices to the person, and to check what was sent',
  },
  legalBasis: { ja: '各手続きの根拠法令（送信元の手続きによる）', en: 'The law of the procedure that sends the mail' },
  source: { ja: '本人が申請・予約のときに入力したメールアドレス', en: 'The address the person gave when applying or booking' },
  users: { ja: '送信メールの閲覧権限を持つ職員', en: 'Staff allowed to view the outbox' },
  retentionYears: 0,
  retentionNote: { ja: '送信後30日で消去', en: 'deleted 30 days after sending' },
  recipients: { ja: '本人（メール送信事業者を経由）', en: 'The person (through the mail provider)' },
  encrypted: false,
  persons: { table: 'platform_mail_outbox', key: ['to_address'], note: { ja: 'メールアドレス', en: 'e-mail address' } },
} as const satisfies PersonalDataFile;

/** How sent mail goes: not through the retention scheduler, but by the worker's hourly purge. */
export const mailOutboxDisposal: OtherDisposal = {
  fileId: mailOutboxFile.fileId,
  tables: ['platform_mail_outbox'],
  rule: mailOutboxFile.retentionNote,
  mechanism: {
    ja: 'ワーカーが1時間ごとに、送信後30日を過ぎたメールと、30日を過ぎても送信できなかったメールを削除',
    en: 'The worker deletes, every hour, mail sent more than 30 days ago and mail still unsent after 30 days',
  },
  where: 'src/platform/mail/outbox.ts (purgeSentMail), run by purge-sent-mail in src/platform/jobs/housekeeping.ts',
};

const item = personalItem<'platform_mail_outbox'>;

/** The outbox's items. */
export const mailOutboxPersonalData: readonly PersonalDataItem<'platform_mail_outbox'>[] = [
  item('platform_mail_outbox', 'to_address', '宛先メールアドレス', 'Recipient e-mail address', 'contact'),
  item('platform_mail_outbox', 'body_text', 'メール本文', 'Mail body', 'other'),
];
