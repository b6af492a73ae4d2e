-- One-stop service requests (一站式服务, 群众诉求处理台账): filed by a resident or a worker on their behalf, routed to
-- the responsible department with a deadline per category and step, escalated site → township → county when overdue.
create sequence service_request_no_seq;

create table service_request (
    id                uuid primary key,
    version           bigint        not null,
    request_no        varchar(32)   not null unique,
    category          varchar(32)   not null,
    household_id      uuid          not null references household (id),
    household_no      varchar(64)   not null,
    site_code         varchar(32),
    region_code       varchar(9)    not null,
    title             varchar(200)  not null,
    description       varchar(2000) not null,
    parties           jsonb,
    channel           varchar(16)   not null,
    filed_by          varchar(64)   not null,
    department        varchar(100)  not null,
    status            varchar(16)   not null,
    level             varchar(16)   not null,
    due_at            timestamptz,
    escalated_at      timestamptz,
    answer            varchar(2000),
    mediation_outcome varchar(16),
    answered_by       varchar(64),
    answered_at       timestamptz,
    rating            smallint,
    rating_comment    varchar(500),
    closed_at         timestamptz,
    reopen_count      int           not null default 0,
    address           varchar(200),
    lat               numeric(9, 6),
    lon               numeric(9, 6),
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null
);
-- the open-request and overdue lists of a township or site, soonest deadline first
create index service_request_region_open on service_request (region_code, due_at) where status in ('SUBMITTED', 'ACCEPTED');
create index service_request_site_open on service_request (site_code, due_at) where status in ('SUBMITTED', 'ACCEPTED');
-- what the escalation job looks at: open, overdue, not yet at the county
create index service_request_escalation on service_request (due_at) where status in ('SUBMITTED', 'ACCEPTED') and level <> 'COUNTY';
create index service_request_region on service_request (region_code, created_at);
create index service_request_household on service_request (household_no, created_at);

-- Every step of a request (filed, accepted, answered, closed, reopened, escalated): the request's history.
create table service_request_step (
    id         bigserial primary key,
    request_id uuid          not null references service_request (id),
    action     varchar(16)   not null,
    level      varchar(16)   not null,
    note       varchar(2000),
    actor      varchar(64)   not null,
    at         timestamptz   not null,
    due_at     timestamptz
);
create index service_request_step_request on service_request_step (request_id, id);
