-- The clerk's batch (審査結果の一括付加, seed 000 flow ⑤): which columns of the online application system's CSV hold the
-- applicant's name kana, birth date, postal code and 課税年度, remembered per municipality and procedure, so that the
-- next upload of the same procedure's file comes with the columns already chosen.
--
-- Only header names are kept: never a row of the file, a value of a cell or a result. The file itself lives in the
-- console process's memory while the clerk maps and downloads it (src/modules/review/batch-hold.ts), never here.
--
-- Production grants: the application role (the console) reads and writes the mappings; the batch matches through the
-- review's one function, as the API does, and so needs to execute it (migration 0009 revokes it from PUBLIC):
--
--   grant select, insert, update on review_batch_mapping to madoguchi_app;
--   grant execute on function review_candidates(text, text, text, text, integer) to madoguchi_app;

create table review_batch_mapping (
  municipality_code text not null references municipality,
  procedure_name text not null check (length(procedure_name) between 1 and 100 and procedure_name !~ '[[:cntrl:]]'),
  name_kana_column text not null check (length(name_kana_column) between 1 and 200),
  birth_date_column text not null check (length(birth_date_column) between 1 and 200),
  postal_code_column text not null check (length(postal_code_column) between 1 and 200),
  tax_year_column text check (tax_year_column is null or length(tax_year_column) between 1 and 200),
  updated_at timestamptz not null default now(),
  updated_by text not null check (length(updated_by) between 1 and 100),
  primary key (municipality_code, procedure_name)
);
comment on table review_batch_mapping is '一括照合の列対応: for each procedure, which header of the application CSV holds each field the review needs; header names only, no personal data';
comment on column review_batch_mapping.municipality_code is '全国地方公共団体コード: the municipality whose clerks use this mapping';
comment on column review_batch_mapping.procedure_name is '手続名 as the clerk typed or picked it (e.g. 所得・課税証明書の交付申請); names a procedure, not a person';
comment on column review_batch_mapping.name_kana_column is 'header name of the column holding the applicant''s 氏名カナ (e.g. 申請者氏名（フリガナ）); a header, never a value';
comment on column review_batch_mapping.birth_date_column is 'header name of the column holding the applicant''s 生年月日; a header, never a value';
comment on column review_batch_mapping.postal_code_column is 'header name of the column holding the applicant''s 郵便番号; a header, never a value';
comment on column review_batch_mapping.tax_year_column is 'header name of the column holding the 課税年度 asked for, or null when the procedure''s file has none (証明発行可否 is then left blank)';
comment on column review_batch_mapping.updated_at is 'when a clerk last ran a batch with this mapping';
comment on column review_batch_mapping.updated_by is 'login id of the clerk who last ran a batch with this mapping';
