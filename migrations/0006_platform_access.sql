-- Roles with data scopes: which member of staff may do what, to which part of the municipality's data.

alter table staff_user add column organisation text check (organisation is null or length(organisation) between 1 and 100);
comment on column staff_user.organisation is '委託事業者名: the contractor''s organisation for contractor accounts; null for the municipality''s own staff';

create table staff_role_assignment (
  municipality_code text not null,
  login_id text not null,
  role text not null check (role ~ '^[a-z_]{3,40}$'),
  scope jsonb not null default '{}'::jsonb check (jsonb_typeof(scope) = 'object'),
  granted_at timestamptz not null default now(),
  granted_by text not null,
  primary key (municipality_code, login_id, role),
  foreign key (municipality_code, login_id) references staff_user on delete cascade
);
comment on table staff_role_assignment is '権限付与: a role given to a member of staff, limited to a data scope';
comment on column staff_role_assignment.role is 'role name from src/platform/access/roles.ts (administrator, operator, clerk, auditor, …)';
comment on column staff_role_assignment.scope is 'データ範囲: {"dimension": ["allowed", …]} (e.g. {"site": ["sannomiya"]}); a dimension not named is unrestricted';
comment on column staff_role_assignment.granted_by is 'login id of the administrator (or "cli") who granted it';
