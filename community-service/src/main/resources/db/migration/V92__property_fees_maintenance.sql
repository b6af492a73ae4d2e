-- Property fees per household and month with relief for households in difficulty, and the facility-maintenance
-- ledger (设施维护台账) of each site (issue 11).
create table property_fee (
    id            uuid primary key,
    version       bigint        not null,
    household_id  uuid          not null references household (id),
    household_no  varchar(32)   not null,
    site_code     varchar(32),
    region_code   varchar(9)    not null,
    period        varchar(7)    not null,
    amount_due    numeric(10, 2) not null check (amount_due >= 0),
    relief        numeric(10, 2) not null default 0 check (relief >= 0),
    relief_kind   varchar(32),
    relief_reason varchar(500),
    relief_source varchar(200),
    relief_by     varchar(64),
    paid          numeric(10, 2) not null default 0 check (paid >= 0),
    last_paid_on  date,
    billed_by     varchar(64)   not null,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    constraint property_fee_once unique (household_id, period),
    constraint property_fee_not_over check (relief + paid <= amount_due)
);
create index property_fee_region on property_fee (region_code, site_code, period);

create table facility_maintenance (
    id          uuid primary key,
    version     bigint         not null,
    site_id     uuid           not null references site (id),
    site_code   varchar(32)    not null,
    region_code varchar(9)     not null,
    facility    varchar(100)   not null,
    category    varchar(24)    not null,
    description varchar(1000)  not null,
    reported_on date           not null,
    contractor  varchar(100),
    status      varchar(8)     not null,
    done_on     date,
    result      varchar(1000),
    cost        numeric(12, 2),
    created_by  varchar(64)    not null,
    closed_by   varchar(64),
    created_at  timestamptz    not null,
    updated_at  timestamptz    not null
);
create index facility_maintenance_region on facility_maintenance (region_code, site_code, reported_on);
