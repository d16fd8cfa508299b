-- The audit log's subject index (audit_event_subjects, GIN, migration 0003) takes each new event's subjects into
-- the index at once instead of into GIN's pending list. With the pending list, every few tens of thousands of
-- events one insert had to merge the whole list into the index before it could commit, and since a chain's
-- events are written one batch after another, every request waiting on its audit event stalled for that merge
-- (up to a tenth of a second at 1,000 review calls a second). Without it each insert costs a little more and none costs much more, and a search by subject never
-- has to scan an unmerged list.
alter index audit_event_subjects set (fastupdate = off);
