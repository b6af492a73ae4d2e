-- Safety inspections: hazards and disasters recorded at a site (安全隐患台账), followed up until removed.
create table safety_hazard (
    id            uuid primary key,
    version       bigint       not null,
    site_id       uuid         not null references site (id),
    site_code     varchar(32)  not null,
    region_code   varchar(9)   not null,
    category      varchar(24)  not null,
    severity      varchar(8)   not null,
    description   varchar(500) not null,
    household_ids varchar(4000),
    status        varchar(16)  not null,
    recorded_on   date         not null,
    recorded_by   varchar(64)  not null,
    resolved_on   date,
    created_at    timestamptz  not null
);
create index safety_hazard_site on safety_hazard (site_code, status);

-- Housing extension applications (一户一宅 扩建): never for unstable households (两必须、两严禁、两确保).
create table housing_extension (
    id             uuid primary key,
    version        bigint       not null,
    household_id   uuid         not null references household (id),
    region_code    varchar(9)   not null,
    site_code      varchar(32),
    reason         varchar(500) not null,
    status         varchar(16)  not null,
    decision_note  varchar(500),
    applied_by     varchar(64)  not null,
    applied_at     timestamptz  not null,
    decided_at     timestamptz
);
create index housing_extension_household on housing_extension (household_id, status);

-- Households monitoring has identified as monitoring subjects (from its events).
create table monitoring_subject (
    household_id  uuid primary key,
    case_id       uuid        not null,
    subject_type  varchar(24) not null,
    identified_at timestamptz not null
);
