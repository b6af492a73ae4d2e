-- Training 技能培训 [001 item 6, 002 item 12, 004 item 4]: sessions (type, dates, site, provider, the skills taught as
-- codes of the skills dictionary), who enrolled, attendance by day, completion with certificate and the skills gained
-- (added to the person's labour record). Every site should hold at least one session a year [002].
create table training_session (
    id          uuid primary key,
    version     bigint        not null,
    title       varchar(100)  not null,
    kind        varchar(24)   not null,
    provider    varchar(100)  not null,
    site_code   varchar(32)   not null,
    region_code varchar(9)    not null,
    starts_on   date          not null,
    ends_on     date          not null,
    skills      varchar(24)[] not null default '{}',
    capacity    int           not null,
    free        boolean       not null default true,
    status      varchar(16)   not null,
    created_by  varchar(64)   not null,
    created_at  timestamptz   not null
);
create index training_session_site on training_session (site_code, starts_on);
create index training_session_region on training_session (region_code varchar_pattern_ops, starts_on);

create table training_enrolment (
    id             uuid primary key,
    version        bigint        not null,
    session_id     uuid          not null references training_session (id),
    person_id      uuid          not null,
    household_id   uuid          not null,
    household_no   varchar(32)   not null,
    region_code    varchar(9)    not null,
    site_code      varchar(32),
    status         varchar(16)   not null,
    enrolled_by    varchar(64)   not null,
    enrolled_at    timestamptz   not null,
    completed_on   date,
    certificate_no varchar(50),
    skills_gained  varchar(24)[] not null default '{}',
    completed_by   varchar(64),
    unique (session_id, person_id)
);
create index training_enrolment_person on training_enrolment (person_id, completed_on);
create index training_enrolment_household on training_enrolment (household_no);
create index training_enrolment_region on training_enrolment (region_code varchar_pattern_ops);

-- attendance by day: one row per enrolment and day the person was there
create table training_attendance (
    enrolment_id uuid        not null references training_enrolment (id),
    day          date        not null,
    recorded_by  varchar(64) not null,
    primary key (enrolment_id, day)
);
