-- The inbox's counts per state (the tabs above the list). Counting 100,000 applications on every page view costs tens
-- of milliseconds however it is indexed, so the counts per procedure, channel and state are kept up to date by a
-- trigger in the same transaction as each change; the list reads a handful of rows instead. Drafts and applications
-- awaiting payment are the residents' own and are not counted (the inbox never shows them).

create table application_state_count (
  municipality_code text not null references municipality,
  procedure_id text not null,
  channel text not null,
  state text not null,
  applications bigint not null check (applications >= 0),
  primary key (municipality_code, procedure_id, channel, state)
);
comment on table application_state_count is '申請件数（状態別）: how many applications each procedure has in each state by channel, kept by a trigger on application; numbers only, no personal data';
comment on column application_state_count.municipality_code is '全国地方公共団体コード';
comment on column application_state_count.procedure_id is 'the procedure';
comment on column application_state_count.channel is 'portal or pittari';
comment on column application_state_count.state is 'the state counted (never draft or awaiting_payment)';
comment on column application_state_count.applications is 'number of applications in that state now';

-- One counter row changed per (old, new) side, always in the same order (by state, then procedure, then channel), so two
-- transactions moving applications between the same two states in opposite directions cannot deadlock.
create function application_state_count_track() returns trigger language plpgsql as $$
declare
  counted constant text[] := array['draft', 'awaiting_payment'];
  minus_key text := null;
  plus_key text := null;
begin
  if tg_op in ('UPDATE', 'DELETE') and not (old.state = any (counted)) then
    minus_key := old.state || '|' || old.procedure_id || '|' || old.channel;
  end if;
  if tg_op in ('INSERT', 'UPDATE') and not (new.state = any (counted)) then
    plus_key := new.state || '|' || new.procedure_id || '|' || new.channel;
  end if;
  if minus_key is not distinct from plus_key then
    return null;
  end if;
  if minus_key is not null and (plus_key is null or minus_key < plus_key) then
    update application_state_count set applications = applications - 1
     where municipality_code = old.municipality_code and procedure_id = old.procedure_id and channel = old.channel and state = old.state;
    minus_key := null;
  end if;
  if plus_key is not null then
    insert into application_state_count values (new.municipality_code, new.procedure_id, new.channel, new.state, 1)
      on conflict (municipality_code, procedure_id, channel, state) do update set applications = application_state_count.applications + 1;
  end if;
  if minus_key is not null then
    update application_state_count set applications = applications - 1
     where municipality_code = old.municipality_code and procedure_id = old.procedure_id and channel = old.channel and state = old.state;
  end if;
  return null;
end $$;

create trigger application_state_count_track after insert or delete or update of state, procedure_id, channel on application
  for each row execute function application_state_count_track();

insert into application_state_count
  select municipality_code, procedure_id, channel, state, count(*) from application
   where state not in ('draft', 'awaiting_payment') group by 1, 2, 3, 4;
