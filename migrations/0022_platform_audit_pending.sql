-- 操作ログ（連結待ち）: events written in an action's transaction without taking the chain's lock, chained moments
-- later in batches. An action that appends to the chain itself holds the municipality's chain lock from its insert
-- to its commit (and fsync), so such actions run one commit at a time: residents submitting applications queued
-- there, each waiting for every submission before it. An event here commits with its action, or vanishes with it;
-- whoever committed it chains it (and with it every other event waiting) before answering, and the worker chains
-- any left by a process that died in between. The event's values are final here: the chain adds only seq and hashes.
create table audit_event_pending (
  municipality_code text not null references municipality,
  event_key uuid not null,
  event jsonb not null,
  queued_at timestamptz not null default clock_timestamp(),
  primary key (municipality_code, event_key)
);
comment on table audit_event_pending is '操作ログ（連結待ち）: audit events committed with their action and not yet in the hash chain (for milliseconds, or until the worker chains what a stopped process left)';
comment on column audit_event_pending.municipality_code is '全国地方公共団体コード: the chain the event goes to';
comment on column audit_event_pending.event_key is 'the event''s key, kept in the chain';
comment on column audit_event_pending.event is 'the event as it will be chained: ids, operation, actor (staff name and department: personal data of staff), client address';
comment on column audit_event_pending.queued_at is 'when the action wrote it; events are chained in this order';

-- Production grants, as for audit_event (migration 0003):
--   revoke all on audit_event_pending from public;
--   grant select, insert, delete on audit_event_pending to madoguchi_app;
