-- Subsidies as configuration [003]: the eligible cases are computed from placements (an employer keeping a relocated
-- worker a year: a one-off amount) and from what entrepreneurs pay in an incubator (a share of each month's actual
-- costs, for some years from entry, capped per year). The rules are configuration (resettle.subsidies.*); nothing
-- here is paid, the lists say who is eligible for how much.
create table incubator_tenancy (
    id           uuid primary key,
    version      bigint       not null,
    person_id    uuid         not null,
    household_id uuid         not null,
    household_no varchar(32)  not null,
    region_code  varchar(9)   not null,
    site_code    varchar(32),
    incubator    varchar(100) not null,
    business     varchar(100) not null,
    entered_on   date         not null,
    recorded_by  varchar(64)  not null,
    created_at   timestamptz  not null
);
create unique index incubator_tenancy_person on incubator_tenancy (person_id, incubator);
create index incubator_tenancy_region on incubator_tenancy (region_code varchar_pattern_ops);

-- the month's actual costs in the incubator (物管费、卫生费、房租费、水电费), once per tenancy and month
create table incubator_cost (
    tenancy_id     uuid           not null references incubator_tenancy (id),
    cost_month     varchar(7)     not null,
    property_fee   numeric(10, 2) not null,
    sanitation_fee numeric(10, 2) not null,
    rent           numeric(10, 2) not null,
    utilities      numeric(10, 2) not null,
    recorded_by    varchar(64)    not null,
    recorded_at    timestamptz    not null,
    primary key (tenancy_id, cost_month)
);

create index placement_employer_start on placement (employer_id, started_on);
