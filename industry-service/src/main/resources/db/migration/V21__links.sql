-- Links (联农带农): how a household is tied to an industry — a workshop job, a cooperative membership, a dividend
-- or a lease. Recording one completes the household's open INDUSTRY_LINK tasks.
create table household_link (
    id            uuid primary key,
    household_id  uuid         not null,
    household_no  varchar(32)  not null,
    region_code   varchar(9)   not null,
    site_code     varchar(32),
    kind          varchar(24)  not null,
    person_id     uuid,
    workshop_id   uuid references workshop (id),
    partner       varchar(100) not null,
    since         date         not null,
    until         date,
    annual_income numeric(14, 2) check (annual_income >= 0),
    note          varchar(300),
    recorded_by   varchar(64)  not null,
    created_at    timestamptz  not null
);
create index household_link_household on household_link (household_id);
create index household_link_region on household_link (region_code varchar_pattern_ops);
