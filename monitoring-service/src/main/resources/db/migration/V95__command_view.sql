-- The county's command view (issue 13): a read model kept by monitoring-service from the events of all four
-- services (docs/architecture.md "Command view"). Nothing here is read by monitoring's own features; the tables could
-- move to a service of their own with the consumer that fills them.

-- One cell per township (region_code, 9 digits), site ('' for dispersed households), figure, dimension ('' or the
-- department / subject type) and month. Stock figures (households, open risks…) hold the value at the end of the month
-- (a month without a row carries the latest earlier row forward); flow figures (risks flagged…) what happened in it.
create table command_figure (
    region_code varchar(12)  not null,
    site_code   varchar(32)  not null,
    figure      varchar(40)  not null,
    dim         varchar(64)  not null,
    month       varchar(7)   not null,
    value       bigint       not null,
    updated_at  timestamptz  not null,
    primary key (region_code, site_code, figure, dim, month)
);
create index command_figure_site on command_figure (site_code, figure, month);
create index command_figure_month on command_figure (month, region_code varchar_pattern_ops);

-- What the figures count of each household (the projection's memory: a new event's effect is the difference).
create table command_household (
    household_id  uuid primary key,
    version       bigint       not null,
    household_no  varchar(32),
    region_code   varchar(12)  not null,
    site_code     varchar(32)  not null,
    active        boolean      not null,
    people        int          not null,
    labour        boolean      not null,
    employed_registry boolean  not null,
    placements    int          not null default 0,
    subject_type  varchar(24),
    updated_at    timestamptz  not null
);
create index command_household_region on command_household (region_code varchar_pattern_ops, household_no);
create index command_household_site on command_household (site_code, household_no);

create table command_placement (
    placement_id uuid primary key,
    household_id uuid         not null,
    region_code  varchar(12)  not null,
    site_code    varchar(32)  not null,
    kind         varchar(32)  not null,
    active       boolean      not null,
    started_on   date,
    ended_on     date
);
create index command_placement_household on command_placement (household_id) where active;

create table command_risk (
    risk_id      uuid primary key,
    household_id uuid         not null,
    household_no varchar(32),
    region_code  varchar(12)  not null,
    site_code    varchar(32)  not null,
    category     varchar(32)  not null,
    open         boolean      not null,
    flagged_at   timestamptz  not null,
    closed_at    timestamptz,
    outcome      varchar(16)
);
create index command_risk_region on command_risk (region_code varchar_pattern_ops, flagged_at);

create table command_task (
    task_id      uuid primary key,
    risk_id      uuid,
    household_id uuid         not null,
    household_no varchar(32),
    region_code  varchar(12)  not null,
    site_code    varchar(32)  not null,
    domain       varchar(16)  not null,
    department   varchar(64)  not null,
    kind         varchar(32)  not null,
    title        varchar(200),
    deadline     date,
    status       varchar(16)  not null,
    overdue      boolean      not null default false,
    created_at   timestamptz  not null,
    closed_at    timestamptz
);
create index command_task_region on command_task (region_code varchar_pattern_ops, created_at);
-- the overdue sweep reads only open tasks not yet counted overdue
create index command_task_due on command_task (deadline) where status = 'OPEN' and not overdue;

-- The first visit of a household in a month counts once towards visit coverage.
create table command_visit (
    household_id uuid        not null,
    month        varchar(7)  not null,
    region_code  varchar(12) not null,
    site_code    varchar(32) not null,
    visited_on   date        not null,
    primary key (household_id, month)
);
