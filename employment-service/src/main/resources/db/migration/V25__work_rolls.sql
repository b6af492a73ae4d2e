-- Monthly attendance rolls 考勤/发放花名册 of public-welfare posts and work-relief projects: who, days, amount per month
-- and employer. Made (DRAFT) from the employer's placements active in the month, edited while DRAFT, approved by
-- someone other than its maker, and then locked: an approved month cannot change; the subsidy/wage roll is its Excel.
create table work_roll (
    id          uuid primary key,
    version     bigint      not null,
    employer_id uuid        not null references employer (id),
    region_code varchar(9)  not null,
    roll_month  varchar(7)  not null,
    status      varchar(16) not null,
    made_by     varchar(64) not null,
    made_at     timestamptz not null,
    approved_by varchar(64),
    approved_at timestamptz,
    unique (employer_id, roll_month)
);
create table work_roll_line (
    roll_id      uuid        not null references work_roll (id),
    placement_id uuid        not null references placement (id),
    person_id    uuid        not null,
    household_id uuid        not null,
    site_code    varchar(32),
    days         int         not null default 0,
    amount       numeric(10, 2) not null default 0,
    primary key (roll_id, placement_id)
);
