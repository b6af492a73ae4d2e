-- Return-to-poverty monitoring (DOMAIN.md §2).

-- Risk rules per region (division-code prefix) and year; the most specific region wins. Absent: application defaults.
create table risk_rule_set (
    id                          uuid primary key,
    version                     bigint        not null,
    region_code                 varchar(12)   not null,
    year                        int           not null,
    income_line                 numeric(12, 2) not null,
    income_drop_ratio           numeric(5, 4) not null,
    medical_expense_threshold   numeric(12, 2) not null,
    stable_income_months        int           not null,
    declaration_ack_days        int           not null,
    identification_working_days int           not null,
    public_notice_days          int           not null,
    updated_at                  timestamptz   not null,
    updated_by                  varchar(64),
    constraint risk_rule_set_region_year unique (region_code, year)
);

-- Monthly return visits (每月回访): five changes and five situations.
create table visit (
    id                   uuid primary key,
    household_id         uuid          not null,
    household_no         varchar(32),
    region_code          varchar(9)    not null,
    site_code            varchar(32),
    visit_month          varchar(7)    not null,
    visited_on           date          not null,
    visitor              varchar(64)   not null,
    household_size       int,
    per_capita_income    numeric(12, 2) not null,
    medical_expense      numeric(12, 2),
    health_change        varchar(32),
    industry_change      varchar(200),
    employment_change    varchar(200),
    unsafe_housing       boolean       not null default false,
    unsafe_water         boolean       not null default false,
    child_out_of_school  boolean       not null default false,
    sudden_difficulty    varchar(32),
    policies_received    varchar(500),
    cadre_paired         boolean,
    integrated           boolean,
    demands_solved       boolean,
    note                 varchar(1000),
    created_at           timestamptz   not null,
    constraint visit_once_a_month unique (household_id, visit_month)
);
create index visit_month_site on visit (visit_month, site_code);

create table risk (
    id                         uuid primary key,
    version                    bigint       not null,
    household_id               uuid         not null,
    household_no               varchar(32),
    region_code                varchar(9)   not null,
    site_code                  varchar(32),
    category                   varchar(32)  not null,
    source                     varchar(32)  not null,
    severity                   varchar(8)   not null,
    evidence                   varchar(1000),
    status                     varchar(16)  not null,
    flagged_month              varchar(7)   not null,
    flagged_at                 timestamptz  not null,
    flagged_by                 varchar(64),
    closed_at                  timestamptz,
    closed_by                  varchar(64),
    social_assistance_referral boolean      not null default false
);
create unique index risk_one_open_per_category on risk (household_id, category) where status = 'OPEN';
create index risk_region on risk (region_code varchar_pattern_ops);

-- The assistance plan: one measure per task opened where the help lives (employment, industry, community).
create table plan_measure (
    id           uuid primary key,
    risk_id      uuid         not null references risk (id),
    household_id uuid         not null,
    task_id      uuid         not null unique,
    domain       varchar(16)  not null,
    department   varchar(64)  not null,
    kind         varchar(32)  not null,
    title        varchar(200),
    deadline     date,
    status       varchar(16)  not null,
    outcome      varchar(1000),
    updated_at   timestamptz  not null
);
create index plan_measure_risk on plan_measure (risk_id);

-- Self-declarations from residents (自主申报).
create table declaration (
    id               uuid primary key,
    version          bigint        not null,
    household_id     uuid          not null,
    household_no     varchar(32)   not null,
    region_code      varchar(9)    not null,
    site_code        varchar(32),
    declared_by      varchar(64)   not null,
    category         varchar(32)   not null,
    description      varchar(500)  not null,
    status           varchar(16)   not null,
    created_at       timestamptz   not null,
    due_by           date          not null,
    acknowledged_at  timestamptz,
    acknowledged_by  varchar(64),
    risk_id          uuid
);
create index declaration_status on declaration (status, due_by);

-- Identification of monitoring subjects: application/warning → home check → democratic review → public notice →
-- township review → county approval.
create table monitoring_case (
    id            uuid primary key,
    version       bigint       not null,
    household_id  uuid         not null,
    household_no  varchar(32),
    region_code   varchar(9)   not null,
    site_code     varchar(32),
    subject_type  varchar(24)  not null,
    source        varchar(16)  not null,
    risk_id       uuid,
    status        varchar(32)  not null,
    opened_at     timestamptz  not null,
    opened_by     varchar(64)  not null,
    due_by        date         not null,
    notice_ends   date,
    closed_at     timestamptz
);
create unique index monitoring_case_one_open on monitoring_case (household_id)
    where status not in ('IDENTIFIED', 'REJECTED');

create table case_step (
    id       uuid primary key,
    case_id  uuid         not null references monitoring_case (id),
    step     varchar(32)  not null,
    passed   boolean      not null,
    actor    varchar(64)  not null,
    note     varchar(500),
    at       timestamptz  not null
);
create index case_step_case on case_step (case_id);
