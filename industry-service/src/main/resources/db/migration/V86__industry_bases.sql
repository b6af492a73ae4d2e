-- Industry bases and parks (产业基地、园区) per site: the industry chosen, area, investment, enterprises, jobs, and
-- the relocated households they employ or otherwise link (order farming, land put into the base, ...).
create table industry_base (
    id               uuid primary key,
    version          bigint         not null default 0,
    kind             varchar(8)     not null check (kind in ('BASE', 'PARK')),
    name             varchar(100)   not null,
    site_code        varchar(32)    not null,
    region_code      varchar(9)     not null,
    industry         varchar(100)   not null,
    area_mu          numeric(12, 2) not null check (area_mu >= 0),
    investment       numeric(14, 2) not null check (investment >= 0),
    enterprises      int            not null check (enterprises >= 0),
    jobs             int            not null check (jobs >= 0),
    established_on   date           not null,
    created_by       varchar(64)    not null,
    created_at       timestamptz    not null,
    updated_at       timestamptz    not null
);
create index industry_base_region on industry_base (region_code varchar_pattern_ops);
create index industry_base_site on industry_base (site_code);
create unique index industry_base_site_name on industry_base (site_code, name);

create table industry_base_household (
    id            uuid primary key,
    base_id       uuid         not null references industry_base (id),
    household_id  uuid         not null,
    household_no  varchar(32)  not null,
    person_id     uuid,
    relation      varchar(16)  not null check (relation in ('EMPLOYED', 'ORDER_FARMING', 'LAND_IN', 'OTHER')),
    since         date         not null,
    until         date,
    end_reason    varchar(200),
    annual_income numeric(14, 2) check (annual_income >= 0),
    recorded_by   varchar(64)  not null,
    created_at    timestamptz  not null,
    check (relation <> 'EMPLOYED' or person_id is not null)
);
create index industry_base_household_base on industry_base_household (base_id);
create unique index industry_base_employed_active on industry_base_household (base_id, person_id)
    where until is null and relation = 'EMPLOYED';
