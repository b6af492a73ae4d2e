-- Income of operating assets and its distribution (收益分配) per site and year.
create table asset_income (
    id           uuid primary key,
    asset_id     uuid           not null references project_asset (id),
    year         int            not null,
    amount       numeric(14, 2) not null check (amount > 0),
    received_on  date           not null,
    payer        varchar(100)   not null,
    note         varchar(300),
    recorded_by  varchar(64)    not null,
    created_at   timestamptz    not null
);
create index asset_income_asset_year on asset_income (asset_id, year);

-- DRAFT → APPROVED (by someone other than its maker; beneficiaries frozen) → DISTRIBUTED → CLOSED
create table distribution_cycle (
    id              uuid primary key,
    version         bigint         not null default 0,
    site_code       varchar(32)    not null,
    region_code     varchar(9)     not null,
    year            int            not null,
    income          numeric(14, 2) not null,
    status          varchar(16)    not null,
    total_shares    int,
    beneficiaries   int,
    created_by      varchar(64)    not null,
    created_at      timestamptz    not null,
    approved_by     varchar(64),
    approved_at     timestamptz,
    distributed_by  varchar(64),
    distributed_at  timestamptz,
    paid_on         date,
    closed_by       varchar(64),
    closed_at       timestamptz,
    constraint distribution_cycle_site_year unique (site_code, year)
);
create index distribution_cycle_region on distribution_cycle (region_code varchar_pattern_ops);

create table distribution_use (
    cycle_id  uuid           not null references distribution_cycle (id),
    use_code  varchar(32)    not null,
    amount    numeric(14, 2) not null check (amount >= 0),
    primary key (cycle_id, use_code)
);

-- the beneficiary households frozen at approval, with their shares (折股量化: one share per member) and dividend
create table distribution_share (
    cycle_id      uuid           not null references distribution_cycle (id),
    household_id  uuid           not null,
    household_no  varchar(32)    not null,
    region_code   varchar(9)     not null,
    site_code     varchar(32),
    shares        int            not null check (shares > 0),
    amount        numeric(14, 2) not null check (amount >= 0),
    paid_on       date,
    primary key (cycle_id, household_id)
);
