-- Cooperatives (合作社) and village/community collective economic organisations (集体经济组织) at a site: their
-- member households with shares, and their income per year. The collective income of a site for a year is the
-- income of its collective economic organisations (compared with the configured targets).
create table cooperative (
    id                 uuid primary key,
    version            bigint        not null default 0,
    kind               varchar(16)   not null check (kind in ('COOPERATIVE', 'COLLECTIVE')),
    name               varchar(100)  not null,
    site_code          varchar(32)   not null,
    region_code        varchar(9)    not null,
    credit_code        varchar(18),
    representative     varchar(50)   not null,
    business           varchar(300)  not null,
    established_on     date          not null,
    status             varchar(16)   not null,
    dissolved_on       date,
    created_by         varchar(64)   not null,
    created_at         timestamptz   not null,
    updated_at         timestamptz   not null
);
create index cooperative_region on cooperative (region_code varchar_pattern_ops);
create index cooperative_site on cooperative (site_code);
create unique index cooperative_site_name on cooperative (site_code, name);
create unique index cooperative_credit_code on cooperative (credit_code) where credit_code is not null;

create table cooperative_member (
    id             uuid primary key,
    cooperative_id uuid           not null references cooperative (id),
    household_id   uuid           not null,
    household_no   varchar(32)    not null,
    shares         numeric(12, 2) not null check (shares > 0),
    joined_on      date           not null,
    left_on        date,
    left_reason    varchar(200),
    recorded_by    varchar(64)    not null,
    created_at     timestamptz    not null
);
create unique index cooperative_member_active on cooperative_member (cooperative_id, household_id) where left_on is null;
create index cooperative_member_household on cooperative_member (household_id);

create table cooperative_income (
    id             uuid primary key,
    cooperative_id uuid           not null references cooperative (id),
    year           int            not null check (year between 2000 and 2100),
    amount         numeric(14, 2) not null check (amount > 0),
    source         varchar(200)   not null,
    received_on    date           not null,
    recorded_by    varchar(64)    not null,
    created_at     timestamptz    not null
);
create index cooperative_income_year on cooperative_income (cooperative_id, year);
