-- The chain trigger's look-up of the event before (audit_event_chain, migration 0003) ran as a cached generic plan
-- made while audit_event was small and unanalysed: a sequential scan, kept as the table grew, so every append
-- cost more than the one before until autovacuum analysed the table. A custom plan per call sizes the table
-- afresh and takes the primary key.
alter function audit_event_chain() set plan_cache_mode = force_custom_plan;
