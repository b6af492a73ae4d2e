-- Placements 就业安置: who works where since when, of which kind, for what wage, under which contract, and how it
-- ended. A person has at most one ACTIVE placement; person_employment keeps the current status (the placement's
-- kind while it lasts, UNEMPLOYED after it ended) so every list reads one row per person.
create table placement (
    id            uuid primary key,
    version       bigint       not null,
    person_id     uuid         not null,
    household_id  uuid         not null,
    household_no  varchar(32)  not null,
    region_code   varchar(9)   not null,
    site_code     varchar(32),
    employer_id   uuid references employer (id),
    employer_name varchar(100) not null,
    posting_id    uuid references job_posting (id),
    kind          varchar(24)  not null,
    started_on    date         not null,
    monthly_wage  int,
    contract      varchar(16)  not null,
    workplace     varchar(100),
    status        varchar(8)   not null,
    ended_on      date,
    end_reason    varchar(24),
    end_note      varchar(200),
    recorded_by   varchar(64)  not null,
    created_at    timestamptz  not null,
    ended_by      varchar(64)
);
create unique index placement_one_active on placement (person_id) where status = 'ACTIVE';
create index placement_person on placement (person_id, started_on);
create index placement_household on placement (household_id);
create index placement_region on placement (region_code varchar_pattern_ops);
