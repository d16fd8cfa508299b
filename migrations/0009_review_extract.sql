-- The review assist's extract (審査用データ, seed 000 ①): the minimum of the resident and tax systems' data needed to
-- answer "is this applicant one resident, and is there a tax record for the year asked?", and nothing to read back.
--
-- No name, birth date, postal code or 住記個人番号 is stored in clear. Each reading of a resident (氏名カナ, 通称名カナ,
-- AL氏名カナ) is one row of review_reading holding keyed blind indexes (HMAC-SHA256 under the municipality's index
-- secret, src/modules/review/indexer.ts) of the reading joined with the birth date, strict and loose, and of the
-- postal code, with the 課税年度 that have a tax record. A dump of these tables reveals no one's name or birth date, and
-- without the index secret a guessed name and birth date cannot even be tested against it. Residents are told apart by
-- a surrogate number each import assigns afresh (the file's order), so nothing here links to the resident system.
--
-- The indexes are HMAC prefixes (a prefix of an HMAC is itself a keyed PRF, as in RFC 2104 §5): the loose key, which
-- every match looks up among a million residents, keeps 132 bits; the strict and postal keys are only ever compared
-- among the few rows that already share a loose key, so 66 bits leave a false equality at 2^-66 there. Short keys
-- halve the table and its index, and so the import's time.
--
-- An import writes a whole new generation beside the one in use and makes it current in one short transaction
-- (src/modules/review/import.ts); until then review_candidates() keeps answering from the previous generation.
-- review_reading has no foreign key to review_extract: a per-row check would slow the load by a third, and only the
-- import writes it, always under a generation it has just registered, and deletes that generation again on failure.
--
-- Production grants (roles are not created here: PGlite and the tests have none). "Single record in, verdict out"
-- is enforced by the database: the review role's login may read neither table, only call review_candidates, which
-- runs as its owner (SECURITY DEFINER) and answers for one key at a time, about two residents at most:
--
--   revoke all on review_extract, review_reading from public, madoguchi_review;
--   grant execute on function review_candidates(text, text, text, text, integer) to madoguchi_review;
--
-- The application role that imports (madoguchi review import, or the console) writes them:
--
--   grant select, insert, update, delete on review_extract, review_reading to madoguchi_app;
--
-- PostgreSQL grants EXECUTE on a new function to PUBLIC; this migration revokes that below, so only the grant above
-- (and the owner) can call it.

create table review_extract (
  municipality_code text not null references municipality,
  generation integer not null check (generation >= 1),
  state text not null check (state in ('loading', 'current', 'retired')),
  started_at timestamptz not null default now(),
  swapped_at timestamptz,
  resident_count integer check (resident_count >= 0),
  reading_count integer check (reading_count >= 0),
  tax_year_count integer check (tax_year_count >= 0),
  primary key (municipality_code, generation),
  constraint review_extract_current_has_counts check (state <> 'current' or (swapped_at is not null and resident_count is not null))
);
comment on table review_extract is '審査用データの世代: one row per import of the resident and tax extract; at most one generation per municipality is current and answers matches; counts only, no personal data';
comment on column review_extract.municipality_code is '全国地方公共団体コード: the municipality whose extract this is';
comment on column review_extract.generation is '世代番号: 1, 2, 3 … per municipality; each review_reading row carries it';
comment on column review_extract.state is 'loading: being imported, not yet used; current: the one matches are answered from; retired: replaced, its rows being deleted';
comment on column review_extract.started_at is 'when the import of this generation began';
comment on column review_extract.swapped_at is 'when it became current (取込完了)';
comment on column review_extract.resident_count is '住民数: residents in the extract (rows of the residents file)';
comment on column review_extract.reading_count is '氏名数: readings indexed (氏名カナ, plus 通称名カナ and AL氏名カナ where present), rows of review_reading';
comment on column review_extract.tax_year_count is '課税年度数: rows of the tax-years file (one per resident and 課税年度)';

-- At most one generation per municipality answers, and at most one is being loaded (the import also holds a lock).
create unique index review_extract_one_current on review_extract (municipality_code) where state = 'current';
create unique index review_extract_one_loading on review_extract (municipality_code) where state = 'loading';

create table review_reading (
  municipality_code text not null,
  generation integer not null,
  loose_key text collate "C" not null check (length(loose_key) = 22),
  resident_id integer not null check (resident_id >= 1),
  name_kind text not null check (name_kind in ('name', 'alias_name', 'alphabet_name')),
  strict_key text collate "C" not null check (length(strict_key) = 11),
  postal_key text collate "C" not null check (length(postal_key) = 11),
  tax_years smallint[] not null default '{}' check (array_position(tax_years, null) is null),
  -- The lookup of a match is this key's prefix (municipality, current generation, loose key); one index in all keeps
  -- the load fast. The loose reading is a function of the strict one, so every strict match is also a loose match.
  primary key (municipality_code, generation, loose_key, resident_id, name_kind)
);
comment on table review_reading is '審査用データ: one row per reading of a resident of the extract (氏名カナ, and 通称名カナ and AL氏名カナ where present), each only as blind indexes; no name, birth date, postal code or 住記個人番号 in clear';
comment on column review_reading.municipality_code is '全国地方公共団体コード';
comment on column review_reading.generation is 'the review_extract generation this row belongs to';
comment on column review_reading.loose_key is '氏名カナ + 生年月日 (personal data, 基本4情報) as a blind index only: the first 22 base64url characters of HMAC-SHA256, purpose review.name.loose, of "<YYYY-MM-DD>|<loose reading>" (the strict reading with small kana, ヂヅヲヰヱ and ヴ folded)';
comment on column review_reading.resident_id is '内部番号: surrogate number of the resident within one generation (its line order in the file); not the 住記個人番号, which is not stored at all';
comment on column review_reading.name_kind is 'which reading: name (氏名カナ), alias_name (通称名カナ), alphabet_name (AL氏名カナ)';
comment on column review_reading.strict_key is '氏名カナ + 生年月日 (personal data, 基本4情報) as a blind index only: the first 11 base64url characters of HMAC-SHA256, purpose review.name.strict, of "<YYYY-MM-DD>|<strict reading>"';
comment on column review_reading.postal_key is '郵便番号 (personal data, 基本4情報 住所の一部) as a blind index only: the first 11 base64url characters of HMAC-SHA256, purpose review.postal_code, of the 7 digits';
comment on column review_reading.tax_years is '課税年度 (personal data, 税) for which the resident has a tax record, ascending: whether an income/tax certificate can be issued for the year asked';

-- The one way the review role reads the extract: the residents, at most two, one of whose readings equals the
-- applicant's name with the same birth date at least loosely, with only yes/no answers about the rest. The caller
-- computes the blind indexes, so the applicant's name and birth date never reach the database either. Two residents
-- are enough for the verdict (more than one is "multiple"); returning no more keeps any one call from listing the
-- extract, and numbering them per call (1, 2) hands out no stored id. A municipality without a current extract raises
-- no_data_found (P0002): "not loaded yet" must not read as "no such resident".
do $$
begin
  execute format($f$
    create function review_candidates(p_municipality_code text, p_strict_key text, p_loose_key text, p_postal_key text, p_tax_year integer)
    returns table (candidate integer, name_kind text, strict_equal boolean, postal_code_equal boolean, tax_record_exists boolean)
    language plpgsql stable security definer
    set search_path = %I, pg_temp
    as $body$
    declare
      v_generation integer;
    begin
      select e.generation into v_generation from review_extract e where e.municipality_code = p_municipality_code and e.state = 'current';
      if not found then
        raise exception 'no review extract has been imported for %%', p_municipality_code using errcode = 'no_data_found';
      end if;
      return query
        select f.candidate::integer, f.name_kind, f.strict_equal, f.postal_code_equal, f.tax_record_exists
        from (
          select r.name_kind, r.strict_key = p_strict_key as strict_equal, r.postal_key = p_postal_key as postal_code_equal,
                 coalesce(p_tax_year = any (r.tax_years), false) as tax_record_exists,
                 dense_rank() over (order by r.resident_id) as candidate
          from review_reading r
          where r.municipality_code = p_municipality_code and r.generation = v_generation and r.loose_key = p_loose_key
        ) f
        where f.candidate <= 2
        order by f.candidate, f.name_kind;
    end
    $body$
  $f$, current_schema());
end
$$;
comment on function review_candidates(text, text, text, text, integer) is '審査アシストの照合: for one applicant''s blind indexes, the matching residents of the current extract (at most two, numbered 1 and 2 per call), which reading matched, whether strictly, whether the postal code is equal and whether a tax record exists for the year asked; no_data_found when no extract is current';
revoke all on function review_candidates(text, text, text, text, integer) from public;
