-- Staff security: per-municipality settings (idle time-out, lockout, MFA for all staff), lockout and TOTP state
-- on accounts, and on sessions the time of the last password/TOTP entry (step-up) and a pending second factor.

create table staff_security_setting (
  municipality_code text not null references municipality,
  idle_timeout_minutes integer not null default 15 check (idle_timeout_minutes between 1 and 720),
  lockout_threshold integer not null default 5 check (lockout_threshold between 1 and 100),
  lockout_minutes integer check (lockout_minutes is null or lockout_minutes between 1 and 43200),
  mfa_required_for_all boolean not null default false,
  updated_at timestamptz not null default now(),
  primary key (municipality_code)
);
comment on table staff_security_setting is '職員認証の設定: one row per municipality; a municipality without a row uses the defaults of each column';
comment on column staff_security_setting.municipality_code is '全国地方公共団体コード: the municipality these settings apply to';
comment on column staff_security_setting.idle_timeout_minutes is '無操作タイムアウト (分): a console session unused this long ends (default 15); the absolute lifetime stays 12 hours';
comment on column staff_security_setting.lockout_threshold is 'アカウントロックの閾値: failed password or TOTP entries in a row that lock the account (default 5)';
comment on column staff_security_setting.lockout_minutes is 'ロック時間 (分): a lock ends by itself after this long; null (default) keeps the account locked until an administrator unlocks it';
comment on column staff_security_setting.mfa_required_for_all is '全職員に多要素認証を必須とする: true demands TOTP of every member of staff, not only of roles that require it (administrator, operator)';
comment on column staff_security_setting.updated_at is 'when the settings were last changed';

alter table staff_user
  add column failed_login_count integer not null default 0 check (failed_login_count >= 0),
  add column locked_at timestamptz,
  add column totp_secret_ciphertext text,
  add column totp_enabled_at timestamptz,
  add column totp_last_step bigint,
  add constraint staff_user_totp_enabled_has_secret check (totp_enabled_at is null or totp_secret_ciphertext is not null);
comment on column staff_user.failed_login_count is '連続失敗回数: failed password, TOTP and step-up entries since the last successful login';
comment on column staff_user.locked_at is 'ロック日時: when repeated failures locked the account; a locked account cannot log in until unlocked (or until the municipality''s lock time passes)';
comment on column staff_user.totp_secret_ciphertext is 'TOTP 秘密鍵 (RFC 6238), encrypted with the municipality''s field key (platform/crypto, AAD bound to this row); set but not enabled while enrollment awaits its first code';
comment on column staff_user.totp_enabled_at is '多要素認証の登録日時: when the member of staff confirmed enrollment with a code; null means no second factor';
comment on column staff_user.totp_last_step is 'time step (Unix time / 30 s) of the last TOTP code accepted; a code of this step or an earlier one is refused (replay protection)';

alter table staff_session
  add column last_auth_at timestamptz not null default now(),
  add column mfa_pending text check (mfa_pending in ('totp', 'enroll')),
  add column mfa_failures integer not null default 0 check (mfa_failures >= 0);
comment on column staff_session.last_auth_at is '最終認証日時: when the password or a TOTP code was last entered in this session; sensitive actions ask again (step-up) when it is older than 5 minutes';
comment on column staff_session.mfa_pending is 'null for a complete login; totp while the password is checked but the code is not yet entered; enroll while a member of staff who must use MFA sets it up. A pending session opens no other page';
comment on column staff_session.mfa_failures is 'wrong codes entered in this pending session; a few end it (each also counts towards the account lockout)';

-- Every console request finds its session by the cookie's hash alone (the cookie does not name the municipality).
create index staff_session_hash on staff_session (session_hash);
