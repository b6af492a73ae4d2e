-- Premises at a site that stand idle (ground-floor garages, shops, standard factory buildings: 闲置厂房/门面) listed
-- for use by assistance workshops; allocated to a workshop and released again.
create table premises (
    id            uuid primary key,
    version       bigint         not null default 0,
    site_code     varchar(32)    not null,
    region_code   varchar(9)     not null,
    kind          varchar(16)    not null,
    address       varchar(200)   not null,
    area_m2       numeric(10, 2) not null check (area_m2 > 0),
    owner         varchar(100)   not null,
    monthly_rent  numeric(12, 2) check (monthly_rent >= 0),
    status        varchar(16)    not null check (status in ('IDLE', 'IN_USE')),
    workshop_id   uuid references workshop (id),
    in_use_since  date,
    idle_since    date,
    note          varchar(300),
    created_by    varchar(64)    not null,
    created_at    timestamptz    not null,
    updated_at    timestamptz    not null,
    check ((status = 'IN_USE') = (workshop_id is not null))
);
create index premises_region on premises (region_code varchar_pattern_ops);
create index premises_site on premises (site_code, status);
create unique index premises_site_address on premises (site_code, address);
