-- 定額減税調整給付金 (issue 9): the accounts benefits are paid to. An account comes from the 公金受取口座 registry (the
-- information-query result file of seed 002 ③, `madoguchi benefits import-account-results`), from a resident's reply
-- (支給確認書) or from a clerk's correction (e.g. after a returned transfer). Accounts are per person (住記個人番号),
-- not per programme: every benefit pays to the person's current account. A new account never overwrites the old one:
-- it becomes a new revision and the current flag moves to it, so a case shows every account it was ever paid to.
--
-- The account number is encrypted per field (FieldCipher, AAD naming the row: municipality, resident, revision;
-- accounts/store.ts registers the column for key rotation); its last three digits are kept apart for the masked view.
--
-- benefit_account_lookup keeps what the last 公金受取口座 query answered for a person (an account or none, and why),
-- so the next query file (seed 002 ②) asks only for those still without an answer.
--
-- Production grants (roles are not created here):
--
--   grant select, insert, update on benefit_account, benefit_account_lookup to madoguchi_app;

create table benefit_account (
  municipality_code text not null references municipality,
  resident_number text not null check (resident_number ~ '^[0-9]{1,15}$'),
  revision integer not null check (revision >= 1),
  is_current boolean not null,
  source text not null check (source in ('public_fund', 'reply', 'correction')),
  bank_code text not null check (bank_code ~ '^[0-9]{4}$'),
  branch_code text not null check (branch_code ~ '^[0-9]{3}$'),
  account_type text not null check (account_type in ('1', '2', '4')),
  account_number_ciphertext text not null check (length(account_number_ciphertext) between 1 and 400),
  account_number_last3 text not null check (account_number_last3 ~ '^[0-9]{3}$'),
  holder_kana text not null check (length(holder_kana) between 1 and 60),
  bank_name text not null check (length(bank_name) between 1 and 100),
  branch_name text not null check (length(branch_name) between 1 and 100),
  bank_kana text not null check (length(bank_kana) between 1 and 15),
  branch_kana text not null check (length(branch_kana) between 1 and 15),
  registered_at timestamptz not null default now(),
  registered_by text check (length(registered_by) between 1 and 100),
  primary key (municipality_code, resident_number, revision)
);
create unique index benefit_account_current on benefit_account (municipality_code, resident_number) where is_current;
comment on table benefit_account is '振込口座: every account a person''s benefits were to be paid to, one revision per registration, the current one flagged; personal data';
comment on column benefit_account.municipality_code is '全国地方公共団体コード of the municipality paying the benefit';
comment on column benefit_account.resident_number is '住記個人番号 of the account''s holder (benefit_taxpayer.resident_number)';
comment on column benefit_account.revision is '1 for the person''s first account, one more for each later registration';
comment on column benefit_account.is_current is 'true for the account the next payment goes to (one per person)';
comment on column benefit_account.source is 'where the account came from: public_fund (公金受取口座 query result), reply (支給確認書), correction (a clerk''s entry)';
comment on column benefit_account.bank_code is 'personal data: 金融機関コード (4 digits, in the 全銀協 master when registered)';
comment on column benefit_account.branch_code is 'personal data: 支店コード (3 digits)';
comment on column benefit_account.account_type is 'personal data: 預金種目 as the 全銀 file codes it: 1 普通, 2 当座, 4 貯蓄';
comment on column benefit_account.account_number_ciphertext is 'personal data: 口座番号 (7 digits) encrypted with the municipality''s field key, AAD naming municipality, resident and revision';
comment on column benefit_account.account_number_last3 is 'personal data: the account number''s last three digits, for the masked view (****567)';
comment on column benefit_account.holder_kana is 'personal data: 口座名義人 in the bank file''s half-width kana';
comment on column benefit_account.bank_name is 'personal data: the bank''s name in the master when registered (みずほ)';
comment on column benefit_account.branch_name is 'personal data: the branch''s name in the master when registered';
comment on column benefit_account.bank_kana is 'personal data: the bank''s half-width name for the transfer file (ﾐｽﾞﾎ)';
comment on column benefit_account.branch_kana is 'personal data: the branch''s half-width name for the transfer file';
comment on column benefit_account.registered_at is 'when the account was registered';
comment on column benefit_account.registered_by is 'login id of the staff member who registered it; null for an import from the command line';

create table benefit_account_lookup (
  municipality_code text not null references municipality,
  resident_number text not null check (resident_number ~ '^[0-9]{1,15}$'),
  outcome text not null check (outcome in ('provided', 'none')),
  status_name text not null default '' check (length(status_name) <= 100),
  unset_reason text not null default '' check (length(unset_reason) <= 200),
  looked_up_at timestamptz not null default now(),
  primary key (municipality_code, resident_number)
);
comment on table benefit_account_lookup is '公金受取口座の照会結果: what the last imported result file (seed 002 ③) answered for a person';
comment on column benefit_account_lookup.municipality_code is '全国地方公共団体コード of the municipality paying the benefit';
comment on column benefit_account_lookup.resident_number is '住記個人番号 of the person asked about';
comment on column benefit_account_lookup.outcome is 'provided (an account was given and stored as public_fund) or none (no account: not provided, or 未設定事由 given)';
comment on column benefit_account_lookup.status_name is 'personal data: 照会ステータス名称 of the answer (提供済, ...), as the file gives it';
comment on column benefit_account_lookup.unset_reason is 'personal data: 未設定事由 of the answer (e.g. the person registered no account); empty when none';
comment on column benefit_account_lookup.looked_up_at is 'when the answer was imported';
