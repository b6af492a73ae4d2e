-- Assistance tasks opened from monitoring's flagged risks (employment, industry, community keep their own).
create table assistance_task (
    id             uuid primary key,
    version        bigint       not null,
    risk_id        uuid         not null,
    household_id   uuid         not null,
    household_no   varchar(32),
    region_code    varchar(9)   not null,
    site_code      varchar(32),
    department     varchar(64)  not null,
    kind           varchar(32)  not null,
    title          varchar(200) not null,
    detail         varchar(1000),
    target_people  varchar(1000),
    status         varchar(16)  not null,
    assignee       varchar(64),
    deadline       date         not null,
    outcome        varchar(1000),
    decline_reason varchar(500),
    created_at     timestamptz  not null,
    accepted_at    timestamptz,
    closed_at      timestamptz,
    closed_by      varchar(64),
    updated_at     timestamptz  not null,
    constraint assistance_task_once_per_risk unique (risk_id, kind)
);
create index assistance_task_inbox on assistance_task (status, deadline);
create index assistance_task_region on assistance_task (region_code varchar_pattern_ops);
create index assistance_task_site on assistance_task (site_code);
create index assistance_task_household on assistance_task (household_id);
