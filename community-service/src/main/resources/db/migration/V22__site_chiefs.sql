-- Site-chief system (点长制): a chief and deputies per site, the county chief (总点长); chiefs' visits (at least two a
-- month), the problems a visit finds tracked with owner and deadline, and quarterly inspection scores per site.
create table site_chief (
    id           uuid primary key,
    version      bigint       not null,
    role         varchar(16)  not null,
    site_id      uuid references site (id),
    site_code    varchar(32),
    region_code  varchar(9)   not null,
    name         varchar(50)  not null,
    position     varchar(100) not null,
    username     varchar(64),
    appointed_on date         not null,
    ended_on     date,
    created_by   varchar(64)  not null,
    created_at   timestamptz  not null
);
-- one serving chief per site, one serving county chief per county
create unique index site_chief_one_chief on site_chief (site_id) where role = 'CHIEF' and ended_on is null;
create unique index site_chief_one_county_chief on site_chief (region_code) where role = 'COUNTY_CHIEF' and ended_on is null;
create index site_chief_region on site_chief (region_code, site_code) where ended_on is null;

create table chief_visit (
    id          uuid primary key,
    chief_id    uuid          not null references site_chief (id),
    site_id     uuid          not null references site (id),
    site_code   varchar(32)   not null,
    region_code varchar(9)    not null,
    visit_month varchar(7)    not null,
    visited_on  date          not null,
    summary     varchar(2000) not null,
    problems_found int        not null,
    recorded_by varchar(64)   not null,
    created_at  timestamptz   not null
);
create index chief_visit_chief on chief_visit (chief_id, visit_month);
create index chief_visit_region on chief_visit (region_code, visit_month);

create table chief_problem (
    id          uuid primary key,
    version     bigint        not null,
    visit_id    uuid          not null references chief_visit (id),
    site_id     uuid          not null references site (id),
    site_code   varchar(32)   not null,
    region_code varchar(9)    not null,
    description varchar(1000) not null,
    owner       varchar(100)  not null,
    due_on      date          not null,
    status      varchar(16)   not null,
    solution    varchar(2000),
    solved_on   date,
    solved_by   varchar(64),
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null
);
create index chief_problem_open on chief_problem (region_code, due_on) where status = 'OPEN';

create table site_score (
    id          uuid primary key,
    site_id     uuid          not null references site (id),
    site_code   varchar(32)   not null,
    region_code varchar(9)    not null,
    quarter     varchar(7)    not null,
    score       numeric(5, 1) not null,
    inspector   varchar(100)  not null,
    note        varchar(1000),
    recorded_by varchar(64)   not null,
    created_at  timestamptz   not null,
    constraint site_score_once unique (site_id, quarter)
);
create index site_score_quarter on site_score (quarter, region_code);
