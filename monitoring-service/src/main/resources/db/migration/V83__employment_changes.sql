-- Employment changes employment-service announced (placement.started / placement.ended): the household's employment
-- evidence, seen by the site at the next monthly visit (the "five changes" include employment) and beside a
-- job-matching measure of the household's plan. Once per placement and change, so a replay changes nothing.
create table employment_change (
    id                           uuid primary key,
    placement_id                 uuid        not null,
    change                       varchar(8)  not null,
    person_id                    uuid        not null,
    household_id                 uuid        not null,
    region_code                  varchar(9)  not null,
    site_code                    varchar(32),
    kind                         varchar(24) not null,
    changed_on                   date        not null,
    end_reason                   varchar(24),
    household_without_employment boolean,
    recorded_at                  timestamptz not null,
    constraint employment_change_once unique (placement_id, change)
);
create index employment_change_household on employment_change (household_id, changed_on);
create index employment_change_region on employment_change (region_code varchar_pattern_ops, changed_on);
