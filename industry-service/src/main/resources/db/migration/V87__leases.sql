-- Land and houses of the origin place leased out (流转): homestead, farmland, forest land or the old house of a
-- relocated household, the lessee, area, rent and term; the rents paid to the household (each sent to monitoring as
-- income evidence, income.paid kind RENT).
create table land_lease (
    id            uuid primary key,
    version       bigint         not null default 0,
    household_id  uuid           not null,
    household_no  varchar(32)    not null,
    region_code   varchar(9)     not null,
    site_code     varchar(32),
    asset_type    varchar(16)    not null check (asset_type in ('HOMESTEAD', 'FARMLAND', 'FOREST', 'HOUSE')),
    location      varchar(200)   not null,
    area_mu       numeric(12, 2) not null check (area_mu > 0),
    lessee        varchar(100)   not null,
    purpose       varchar(200)   not null,
    contract_no   varchar(50),
    annual_rent   numeric(14, 2) not null check (annual_rent >= 0),
    start_on      date           not null,
    end_on        date           not null,
    status        varchar(16)    not null,
    terminated_on date,
    link_id       uuid,
    created_by    varchar(64)    not null,
    created_at    timestamptz    not null,
    updated_at    timestamptz    not null,
    check (end_on > start_on)
);
create index land_lease_region on land_lease (region_code varchar_pattern_ops);
create index land_lease_household on land_lease (household_id);

create table lease_rent (
    id          uuid primary key,
    lease_id    uuid           not null references land_lease (id),
    year        int            not null check (year between 2000 and 2100),
    amount      numeric(14, 2) not null check (amount > 0),
    paid_on     date           not null,
    recorded_by varchar(64)    not null,
    created_at  timestamptz    not null
);
create unique index lease_rent_year on lease_rent (lease_id, year);
