-- The inbox's counts per state, spread over 16 rows per (procedure, channel, state). With one row, every submission
-- of a procedure updated the same counter and held its lock until commit, so submissions queued behind each other
-- one commit at a time (200 residents submitting reached 22 a second, most of them waiting on that row). Each
-- application now counts in the slot its id names, always the same one, so a slot never goes below zero, and two
-- submissions wait for each other only when their ids share a slot. The inbox adds the slots up.

alter table application_state_count add column slot smallint not null default 0 check (slot between 0 and 15);
alter table application_state_count drop constraint application_state_count_pkey;
alter table application_state_count add primary key (municipality_code, procedure_id, channel, state, slot);
comment on column application_state_count.slot is 'which of the 16 counters of this state the applications are counted in (by the last byte of application_id)';

-- As in 0017, one counter row changed per (old, new) side, always in the same order; both sides of one application
-- share its slot.
create or replace function application_state_count_track() returns trigger language plpgsql as $$
declare
  counted constant text[] := array['draft', 'awaiting_payment'];
  minus_key text := null;
  plus_key text := null;
  slot_of smallint;
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
  slot_of := get_byte(uuid_send(coalesce(new.application_id, old.application_id)), 15) % 16;
  if minus_key is not null and (plus_key is null or minus_key < plus_key) then
    update application_state_count set applications = applications - 1
     where municipality_code = old.municipality_code and procedure_id = old.procedure_id and channel = old.channel and state = old.state and slot = slot_of;
    minus_key := null;
  end if;
  if plus_key is not null then
    insert into application_state_count values (new.municipality_code, new.procedure_id, new.channel, new.state, 1, slot_of)
      on conflict (municipality_code, procedure_id, channel, state, slot) do update set applications = application_state_count.applications + 1;
  end if;
  if minus_key is not null then
    update application_state_count set applications = applications - 1
     where municipality_code = old.municipality_code and procedure_id = old.procedure_id and channel = old.channel and state = old.state and slot = slot_of;
  end if;
  return null;
end $$;

-- The counts so far were kept in slot 0; recounted into the slots the trigger will now change.
delete from application_state_count;
insert into application_state_count (municipality_code, procedure_id, channel, state, applications, slot)
  select municipality_code, procedure_id, channel, state, count(*), get_byte(uuid_send(application_id), 15) % 16 from application
   where state not in ('draft', 'awaiting_payment') group by 1, 2, 3, 4, 6;
