-- Attachments kept as files beside the database (platform/files), no longer in it. Stored as text, each megabyte was
-- the base64 of the file sealed and then base64 again (1.78 MB), and PostgreSQL spent about 20 ms of CPU per
-- megabyte on its TOAST rows: with 1 MB identity documents that was most of a submission's cost. The row keeps
-- what is known about the file and stays the record of its existence; content_in_file says where the file is.
-- Files stored before keep their text in content, which the application still reads and key rotation re-encrypts.
alter table application_attachment alter column content drop not null;
alter table application_attachment add column content_in_file boolean not null default false;
alter table application_attachment add constraint application_attachment_content_somewhere
  check (content_in_file = (content is null));
comment on column application_attachment.content is 'personal data, encrypted (AES-256-GCM) as text: the file, for files stored before content_in_file (else null)';
comment on column application_attachment.content_in_file is 'true: the file is in the encrypted file store (<files>/<municipality>/application_attachment/…), named by attachment_id';

-- 削除待ちのファイル: a file whose row was deleted (one attachment, or an application with all of its files, by
-- cascade: disposal after hand-over, expired drafts) is queued here in the same transaction, and the worker deletes
-- it within a minute. Rolled back with the deletion, so no file goes while its row stays.
create table platform_file_disposal (
  municipality_code text not null references municipality,
  kind text not null,
  file_id uuid not null,
  queued_at timestamptz not null default now(),
  primary key (municipality_code, kind, file_id)
);
comment on table platform_file_disposal is '削除待ちファイル: files in the encrypted file store whose rows were deleted, until the worker deletes them; names only, no personal data';
comment on column platform_file_disposal.municipality_code is '全国地方公共団体コード';
comment on column platform_file_disposal.kind is 'the table that described the file';
comment on column platform_file_disposal.file_id is 'the file''s id (its name in the store)';
comment on column platform_file_disposal.queued_at is 'when its row was deleted';

create function application_attachment_file_disposal() returns trigger language plpgsql as $$
begin
  insert into platform_file_disposal (municipality_code, kind, file_id)
    values (old.municipality_code, 'application_attachment', old.attachment_id) on conflict do nothing;
  return null;
end $$;

create trigger application_attachment_file_disposal after delete on application_attachment
  for each row when (old.content_in_file) execute function application_attachment_file_disposal();

-- The worker's sweep asks which of the files it finds still have their rows, by attachment id alone.
create unique index application_attachment_by_id on application_attachment (municipality_code, attachment_id);
