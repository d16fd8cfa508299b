-- 定額減税調整給付金 (issue 9): letters, replies and decisions of the ledger. Each eligible target gets a letter —
-- 支給のお知らせ (a 公金受取口座 is known: paid there unless the person declines by the deadline) or 支給確認書 (to be
-- returned with an account and consent by the deadline, on paper or online with the letter's reply code) — then a
-- reply, then a decision (支給決定 or 却下 with a reason) with its notice. The target's state moves with each
-- (src/modules/benefits/domain/ledger-state.ts); these rows keep what was sent, received and decided, and by whom.
--
-- Production grants:
--
--   grant select, insert, update on benefit_letter, benefit_reply, benefit_decision to madoguchi_app;

create table benefit_letter (
  municipality_code text not null,
  programme_id text not null,
  resident_number text not null,
  letter_number smallint not null check (letter_number >= 1),
  kind text not null check (kind in ('notice', 'confirmation')),
  rule_version text not null check (length(rule_version) between 1 and 60),
  amount bigint not null check (amount > 0),
  reply_deadline date not null,
  reply_code_hash text check (reply_code_hash ~ '^[0-9a-f]{64}$'),
  sent_on date not null,
  sent_at timestamptz not null default now(),
  sent_by text not null check (length(sent_by) between 1 and 100),
  primary key (municipality_code, programme_id, resident_number, letter_number),
  foreign key (municipality_code, programme_id, resident_number) references benefit_target,
  check ((kind = 'confirmation') = (reply_code_hash is not null)),
  check (reply_deadline >= sent_on)
);
create unique index benefit_letter_reply_code on benefit_letter (reply_code_hash) where reply_code_hash is not null;
create index benefit_letter_sent on benefit_letter (municipality_code, programme_id, sent_on);
comment on table benefit_letter is '通知書: a letter sent to a target (支給のお知らせ or 支給確認書) with what it said; the latest letter of a target is the one in force';
comment on column benefit_letter.municipality_code is '全国地方公共団体コード of the municipality paying the benefit';
comment on column benefit_letter.programme_id is 'the benefit programme, e.g. adjustment-2024';
comment on column benefit_letter.resident_number is '住記個人番号 of the target (benefit_target)';
comment on column benefit_letter.letter_number is '1 for the first letter of the target, 2 for a reissue, and so on';
comment on column benefit_letter.kind is 'notice = 支給のお知らせ (account known, no reply needed, 辞退 possible until the deadline); confirmation = 支給確認書 (to be returned with an account and consent)';
comment on column benefit_letter.rule_version is 'the rule version of the decision the letter printed (benefit_target.rule_version when sent)';
comment on column benefit_letter.amount is 'personal data: the amount in yen the letter printed';
comment on column benefit_letter.reply_deadline is 'お知らせ: the last day to decline (辞退の申出期限); 確認書: the last day to return it (返送期限)';
comment on column benefit_letter.reply_code_hash is 'SHA-256 (hex) of the online reply code printed on a 支給確認書; the code itself is never stored; null for a 支給のお知らせ';
comment on column benefit_letter.sent_on is '発送日 printed on the letter';
comment on column benefit_letter.sent_at is 'when the letter was recorded as sent';
comment on column benefit_letter.sent_by is 'login id of the member of staff who sent it';

create table benefit_reply (
  municipality_code text not null,
  programme_id text not null,
  resident_number text not null,
  letter_number smallint not null,
  channel text not null check (channel in ('paper', 'online')),
  consent boolean not null,
  received_on date not null,
  recorded_at timestamptz not null default now(),
  recorded_by text check (length(recorded_by) between 1 and 100),
  primary key (municipality_code, programme_id, resident_number),
  foreign key (municipality_code, programme_id, resident_number, letter_number) references benefit_letter,
  check ((channel = 'paper') = (recorded_by is not null))
);
comment on table benefit_reply is '返信: the returned 支給確認書 (paper, entered by a clerk) or the online reply, one per target; the account it gave is stored by the accounts slice (source reply)';
comment on column benefit_reply.municipality_code is '全国地方公共団体コード of the municipality paying the benefit';
comment on column benefit_reply.programme_id is 'the benefit programme';
comment on column benefit_reply.resident_number is '住記個人番号 of the target';
comment on column benefit_reply.letter_number is 'the letter (benefit_letter) the reply answers';
comment on column benefit_reply.channel is 'paper = 支給確認書 returned by post or at the counter; online = the portal''s reply form';
comment on column benefit_reply.consent is 'true when the person asks to receive the benefit; false when they decline it (辞退)';
comment on column benefit_reply.received_on is '受付日: the day the reply arrived (for an online reply, the day it was sent)';
comment on column benefit_reply.recorded_at is 'when the reply was recorded';
comment on column benefit_reply.recorded_by is 'login id of the clerk who entered a paper reply; null for an online reply';

create table benefit_decision (
  municipality_code text not null,
  programme_id text not null,
  resident_number text not null,
  outcome text not null check (outcome in ('granted', 'rejected')),
  reason_code text check (reason_code ~ '^[a-z_]{1,40}$'),
  amount bigint not null check (amount >= 0),
  rule_version text not null check (length(rule_version) between 1 and 60),
  decided_on date not null,
  decided_at timestamptz not null default now(),
  decided_by text not null check (length(decided_by) between 1 and 100),
  primary key (municipality_code, programme_id, resident_number),
  foreign key (municipality_code, programme_id, resident_number) references benefit_target,
  check ((outcome = 'rejected') = (reason_code is not null)),
  check (outcome = 'granted' and amount > 0 or outcome = 'rejected' and amount = 0)
);
create index benefit_decision_day on benefit_decision (municipality_code, programme_id, decided_on);
comment on table benefit_decision is '支給決定 / 却下: the decision on a target, with the rule version it was made under; its notice (支給決定通知書 / 却下通知書) is drawn from this row';
comment on column benefit_decision.municipality_code is '全国地方公共団体コード of the municipality paying the benefit';
comment on column benefit_decision.programme_id is 'the benefit programme';
comment on column benefit_decision.resident_number is '住記個人番号 of the target';
comment on column benefit_decision.outcome is 'granted = 支給決定; rejected = 却下';
comment on column benefit_decision.reason_code is 'why it was rejected (declined, deadline_passed, not_eligible, paid_elsewhere; the words are in the code''s table); null when granted';
comment on column benefit_decision.amount is 'personal data: the amount decided in yen; 0 when rejected';
comment on column benefit_decision.rule_version is 'the rule version the decided amount was computed with';
comment on column benefit_decision.decided_on is '決定日 printed on the notice';
comment on column benefit_decision.decided_at is 'when the decision was recorded';
comment on column benefit_decision.decided_by is 'login id of the member of staff who decided';
