-- Organisation and grids (网格化管理, issue 11): the party branch of a site (3+ party members), building heads, grids
-- within a site with the households each covers and its grid worker (who a household's tasks go to by default).
create table party_branch (
    id             uuid primary key,
    version        bigint       not null,
    site_id        uuid         not null references site (id),
    site_code      varchar(32)  not null,
    region_code    varchar(9)   not null,
    name           varchar(100) not null,
    secretary      varchar(50)  not null,
    party_members  int          not null check (party_members >= 0),
    established_on date         not null,
    created_by     varchar(64)  not null,
    created_at     timestamptz  not null,
    constraint party_branch_one_per_site unique (site_id)
);
create index party_branch_region on party_branch (region_code, site_code);

create table building_head (
    id           uuid primary key,
    version      bigint       not null,
    site_id      uuid         not null references site (id),
    site_code    varchar(32)  not null,
    region_code  varchar(9)   not null,
    building     varchar(50)  not null,
    name         varchar(50)  not null,
    username     varchar(64),
    appointed_on date         not null,
    ended_on     date,
    created_by   varchar(64)  not null,
    created_at   timestamptz  not null
);
create unique index building_head_one_serving on building_head (site_id, building) where ended_on is null;
create index building_head_region on building_head (region_code, site_code, building);

create table grid (
    id              uuid primary key,
    version         bigint       not null,
    site_id         uuid         not null references site (id),
    site_code       varchar(32)  not null,
    region_code     varchar(9)   not null,
    code            varchar(32)  not null,
    name            varchar(100) not null,
    worker_name     varchar(50)  not null,
    worker_username varchar(64)  not null,
    created_by      varchar(64)  not null,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    constraint grid_code_per_site unique (site_id, code)
);
create index grid_region on grid (region_code, site_code, code);

-- a household is covered by one grid at a time
create table grid_household (
    household_id uuid primary key references household (id),
    grid_id      uuid        not null references grid (id),
    assigned_by  varchar(64) not null,
    assigned_at  timestamptz not null
);
create index grid_household_grid on grid_household (grid_id, household_id);
