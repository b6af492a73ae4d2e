-- Recommendations 岗位推荐: a posting offered to a person (from matching, often for a job-matching task), answered
-- by the person (accepted / declined) or left unanswered until it expires after the configured time
-- (resettle.matching.offer-expiry). An OFFERED row past expires_at reads EXPIRED; it is written EXPIRED when the same
-- offer is made again. At most one live (OFFERED/ACCEPTED) offer of a posting to a person.
create table recommendation (
    id           uuid primary key,
    version      bigint       not null,
    posting_id   uuid         not null references job_posting (id),
    person_id    uuid         not null,
    household_id uuid         not null,
    household_no varchar(32)  not null,
    region_code  varchar(9)   not null,
    site_code    varchar(32),
    task_id      uuid,
    score        int          not null,
    reasons      varchar(500) not null,
    status       varchar(16)  not null,
    offered_by   varchar(64)  not null,
    offered_at   timestamptz  not null,
    expires_at   timestamptz  not null,
    answered_at  timestamptz,
    answered_by  varchar(64),
    answer_note  varchar(200)
);
create unique index recommendation_live on recommendation (posting_id, person_id) where status in ('OFFERED', 'ACCEPTED');
create index recommendation_person on recommendation (person_id, offered_at);
create index recommendation_household on recommendation (household_id);
create index recommendation_region on recommendation (region_code varchar_pattern_ops);
