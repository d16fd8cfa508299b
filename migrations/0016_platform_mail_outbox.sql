-- The platform's mail outbox: every e-mail to a resident (receipts, notices) is written here in the same transaction as
-- what it reports, then sent by the worker when an SMTP server is configured (without one it stays here, as in the demo).
-- Address and body are personal data; sent mail is purged after 30 days by the worker's housekeeping.

create table platform_mail_outbox (
  municipality_code text not null references municipality,
  mail_id uuid not null,
  to_address text not null check (length(to_address) between 3 and 254),
  subject text not null check (length(subject) between 1 and 200),
  body_text text not null check (length(body_text) between 1 and 20000),
  category text not null check (category ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$' and length(category) <= 60),
  created_at timestamptz not null default now(),
  send_after timestamptz not null default now(),
  sent_at timestamptz,
  attempts integer not null default 0 check (attempts >= 0),
  last_error text check (last_error is null or length(last_error) <= 200),
  primary key (municipality_code, mail_id)
);
-- The sender serves every municipality of the database: it looks for due mail by time, not by municipality.
create index platform_mail_outbox_due on platform_mail_outbox (send_after) where sent_at is null;
create index platform_mail_outbox_sent on platform_mail_outbox (sent_at) where sent_at is not null;
create index platform_mail_outbox_recent on platform_mail_outbox (municipality_code, created_at desc);

comment on table platform_mail_outbox is '送信メール: e-mail to residents waiting to be sent or sent (receipts, notices); sent mail is deleted after 30 days';
comment on column platform_mail_outbox.municipality_code is '全国地方公共団体コード of the municipality sending the mail';
comment on column platform_mail_outbox.mail_id is 'internal id of the mail (random)';
comment on column platform_mail_outbox.to_address is 'personal data (連絡先): the resident''s e-mail address';
comment on column platform_mail_outbox.subject is 'the subject line; written by the sending module, holds a receipt number at most, no personal data';
comment on column platform_mail_outbox.body_text is 'personal data (その他): the plain-text body as sent';
comment on column platform_mail_outbox.category is 'what kind of mail it is (e.g. application.receipt), for counting and the console';
comment on column platform_mail_outbox.created_at is 'when it was queued';
comment on column platform_mail_outbox.send_after is 'not sent before this time: the next try after a failure (back-off), or a lease while a sender is sending it';
comment on column platform_mail_outbox.sent_at is 'when the SMTP server accepted it; null while unsent';
comment on column platform_mail_outbox.attempts is 'how many times sending was tried';
comment on column platform_mail_outbox.last_error is 'the last failure as an error code and SMTP status only (never the address or the server''s text, which may quote it)';
