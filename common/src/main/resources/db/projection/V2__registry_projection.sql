-- A consuming service's own copy of the registry (households, people, sites), fed only by community events.
-- Services that keep it add db/projection to quarkus.flyway.locations.
create table registry_site (
    id            uuid primary key,
    version       bigint      not null,
    code          varchar(32) not null,
    name          varchar(100) not null,
    county_code   varchar(6)  not null,
    township_code varchar(9)  not null,
    area_type     varchar(16),
    status        varchar(16) not null,
    updated_at    timestamptz not null
);
create index registry_site_code on registry_site (code);

create table registry_household (
    id              uuid primary key,
    version         bigint      not null,
    household_no    varchar(32) not null,
    site_id         uuid,
    site_code       varchar(32),
    region_code     varchar(9)  not null,
    relocation_type varchar(16) not null,
    placement_type  varchar(16) not null,
    status          varchar(16) not null,
    member_count    int         not null,
    events_applied  int         not null default 0,
    last_event_id   uuid,
    updated_at      timestamptz not null
);
create index registry_household_region on registry_household (region_code varchar_pattern_ops);
create index registry_household_site on registry_household (site_code);

create table registry_person (
    id                uuid primary key,
    household_id      uuid        not null references registry_household (id) on delete cascade,
    id_number         varchar(18) not null,
    name              varchar(50) not null,
    gender            varchar(1),
    birth_date        date,
    relationship      varchar(16),
    labour_capacity   varchar(8),
    employment_status varchar(24),
    health            varchar(16),
    status            varchar(16) not null
);
create index registry_person_household on registry_person (household_id);
create unique index registry_person_id_number on registry_person (id_number);
