-- The responsibility list 责任清单 (issue 13, seed 002 annex 1): the county's work items of the year with the lead
-- department, the departments responsible, the person responsible, the deadline (none: 长期坚持, ongoing) and progress.
create table command_duty (
    id              uuid primary key,
    version         bigint        not null,
    county_code     varchar(6)    not null,
    year            int           not null,
    seq             int           not null,
    category        varchar(100)  not null,
    plan            varchar(1000) not null,
    lead_department varchar(200)  not null,
    departments     varchar(500),
    person          varchar(100)  not null,
    deadline        date,
    progress        int           not null default 0,
    progress_note   varchar(1000),
    status          varchar(16)   not null,
    updated_by      varchar(128)  not null,
    updated_at      timestamptz   not null,
    constraint command_duty_seq unique (county_code, year, seq)
);
create index command_duty_open on command_duty (county_code, year, deadline) where status = 'OPEN';

-- Quarterly site-chief inspection scores, from community's site-score.recorded events.
create table command_site_score (
    site_code   varchar(32)   not null,
    region_code varchar(12)   not null,
    quarter     varchar(7)    not null,
    score       numeric(5, 1) not null,
    chief_name  varchar(50),
    inspector   varchar(100),
    recorded_at timestamptz   not null,
    primary key (site_code, quarter)
);
create index command_site_score_quarter on command_site_score (quarter, region_code varchar_pattern_ops);
