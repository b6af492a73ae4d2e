-- The registry: resettlement sites, relocated households and their members (DOMAIN.md §1).
create table site (
    id                 uuid primary key,
    version            bigint       not null,
    code               varchar(32)  not null unique,
    name               varchar(100) not null,
    county_code        varchar(6)   not null,
    township_code      varchar(9)   not null,
    area_type          varchar(16)  not null,
    address            varchar(200),
    chief_name         varchar(50),
    chief_phone        varchar(20),
    planned_households int,
    planned_people     int,
    status             varchar(16)  not null,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null
);
create index site_township on site (township_code);

create table household (
    id                 uuid primary key,
    version            bigint       not null,
    household_no       varchar(32)  not null unique,
    site_id            uuid references site (id),
    site_code          varchar(32),
    region_code        varchar(9)   not null,
    relocation_type    varchar(16)  not null,
    placement_type     varchar(16)  not null,
    house_type         varchar(16),
    house_area         numeric(10, 2),
    origin_place       varchar(200),
    origin_region_code varchar(12),
    homestead_area     numeric(12, 2),
    farmland_mu        numeric(12, 2),
    forest_mu          numeric(12, 2),
    phone              varchar(20),
    relocated_on       date,
    status             varchar(16)  not null,
    moved_out_on       date,
    moved_out_reason   varchar(200),
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    constraint household_site_for_centralized check (placement_type <> 'CENTRALIZED' or site_id is not null)
);
create index household_region on household (region_code varchar_pattern_ops);
create index household_site on household (site_id);
create index household_site_code on household (site_code);

create table person (
    id                uuid primary key,
    version           bigint       not null,
    household_id      uuid         not null references household (id),
    seq               int          not null,
    id_number         varchar(18)  not null unique,
    name              varchar(50)  not null,
    gender            varchar(1)   not null,
    birth_date        date         not null,
    relationship      varchar(16)  not null,
    education         varchar(16),
    health            varchar(16),
    disability_level  int,
    labour_capacity   varchar(8)   not null,
    skills            varchar(200),
    employment_status varchar(24)  not null,
    training_wish     varchar(200),
    workplace         varchar(100),
    phone             varchar(20),
    status            varchar(16)  not null,
    updated_at        timestamptz  not null
);
create index person_household on person (household_id);
create index person_labour on person (labour_capacity, status);
