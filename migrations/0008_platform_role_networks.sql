-- Optional network restriction per role: e.g. administrators only from the city's own network.

create table role_network_restriction (
  municipality_code text not null references municipality,
  role text not null check (role ~ '^[a-z_]{3,40}$'),
  allowed_networks text[] not null check (cardinality(allowed_networks) > 0),
  updated_at timestamptz not null default now(),
  primary key (municipality_code, role)
);
comment on table role_network_restriction is '接続元制限: a role takes effect only for requests from these networks (the seeds restrict maintenance to the city''s own network)';
comment on column role_network_restriction.allowed_networks is 'CIDR blocks or single addresses, IPv4 or IPv6, e.g. {10.0.0.0/8, 192.168.1.5}';
