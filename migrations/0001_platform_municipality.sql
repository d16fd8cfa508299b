-- The municipalities served by this deployment. Every other table references one by municipality_code.

create function is_municipality_code(code text) returns boolean
language sql immutable strict as $$
  select code ~ '^[0-9]{6}$'
     and substr(code, 1, 2)::int between 1 and 47
     and (11 - (substr(code,1,1)::int * 6 + substr(code,2,1)::int * 5 + substr(code,3,1)::int * 4
               + substr(code,4,1)::int * 3 + substr(code,5,1)::int * 2) % 11) % 10 = substr(code, 6, 1)::int
$$;
comment on function is_municipality_code(text) is '全国地方公共団体コード (6 digits, check digit by weights 6-5-4-3-2 mod 11) is well-formed';

create table municipality (
  municipality_code text primary key check (is_municipality_code(municipality_code)),
  name_ja text not null check (length(name_ja) between 1 and 50),
  name_en text not null check (length(name_en) between 1 and 80),
  prefecture_ja text not null,
  mayor_title_ja text not null,
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);
comment on table municipality is '地方公共団体: the municipalities this deployment serves';
comment on column municipality.municipality_code is '全国地方公共団体コード with check digit; first key column of every table';
comment on column municipality.name_ja is '団体名 as printed on certificates, e.g. 見本市';
comment on column municipality.mayor_title_ja is '首長の職名 printed on certificates, e.g. 見本市長';
comment on column municipality.is_demo is 'true for the synthetic demo city loaded by demo-data';
