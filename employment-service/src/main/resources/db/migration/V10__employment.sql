-- Employment status as employment-service records it (placements, job losses); overrides the registry copy's
-- monthly status for the person until the registry catches up.
create table person_employment (
    person_id    uuid primary key,
    household_id uuid         not null,
    status       varchar(24)  not null,
    employer     varchar(100),
    since        date         not null,
    reason       varchar(200),
    recorded_by  varchar(64)  not null,
    updated_at   timestamptz  not null
);
create index person_employment_household on person_employment (household_id);
