-- Staff accounts and their server-side sessions: the console's login.

create table staff_user (
  municipality_code text not null references municipality,
  login_id text not null check (login_id ~ '^[a-z0-9._-]{3,64}$'),
  display_name text not null check (length(display_name) between 1 and 100),
  department text not null check (length(department) between 1 and 100),
  password_hash text not null,
  disabled_at timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (municipality_code, login_id)
);
comment on table staff_user is '職員アカウント: one individual login per member of staff or contractor';
comment on column staff_user.login_id is 'ログインID, unique within the municipality';
comment on column staff_user.display_name is '氏名 of the staff member (personal data of staff; shown in audit logs)';
comment on column staff_user.department is '部課名';
comment on column staff_user.password_hash is 'argon2id hash (PHC string); the password itself is never stored';
comment on column staff_user.disabled_at is 'when the account was disabled; a disabled account cannot log in';

create table staff_session (
  municipality_code text not null,
  session_hash text not null,
  login_id text not null,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  primary key (municipality_code, session_hash),
  foreign key (municipality_code, login_id) references staff_user on delete cascade
);
comment on table staff_session is 'ログインセッション: server-side sessions; the cookie holds a random id whose SHA-256 is stored here';
comment on column staff_session.session_hash is 'SHA-256 of the session cookie value, so a database dump cannot be replayed as a login';
comment on column staff_session.csrf_token is 'token every state-changing console form must echo';
comment on column staff_session.last_seen_at is 'last request, for the idle time-out';
