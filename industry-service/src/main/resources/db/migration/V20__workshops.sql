-- Assistance workshops (帮扶车间): the site each serves, its operator, products and jobs; the relocated people it
-- employs (persons of the registry copy); its orders and subsidies; one check per quarter.
create table workshop (
    id               uuid primary key,
    version          bigint        not null default 0,
    name             varchar(100)  not null,
    site_code        varchar(32)   not null,
    region_code      varchar(9)    not null,
    operator         varchar(100)  not null,
    products         varchar(300)  not null,
    jobs             int           not null check (jobs >= 0),
    opened_on        date          not null,
    status           varchar(16)   not null,
    last_quarter     varchar(7),
    created_by       varchar(64)   not null,
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null
);
create index workshop_region on workshop (region_code varchar_pattern_ops);
create index workshop_site on workshop (site_code);
create unique index workshop_site_name on workshop (site_code, name);

create table workshop_worker (
    id            uuid primary key,
    workshop_id   uuid        not null references workshop (id),
    person_id     uuid        not null,
    household_id  uuid        not null,
    post          varchar(50) not null,
    since         date        not null,
    until         date,
    left_reason   varchar(200),
    recorded_by   varchar(64) not null,
    created_at    timestamptz not null
);
-- a person holds one active job per workshop
create unique index workshop_worker_active on workshop_worker (workshop_id, person_id) where until is null;
create index workshop_worker_household on workshop_worker (household_id);
create index workshop_worker_person on workshop_worker (person_id);

create table workshop_order (
    id           uuid primary key,
    workshop_id  uuid           not null references workshop (id),
    buyer        varchar(100)   not null,
    description  varchar(300)   not null,
    amount       numeric(14, 2) not null check (amount > 0),
    ordered_on   date           not null,
    recorded_by  varchar(64)    not null,
    created_at   timestamptz    not null
);
create index workshop_order_workshop on workshop_order (workshop_id);

create table workshop_subsidy (
    id           uuid primary key,
    workshop_id  uuid           not null references workshop (id),
    kind         varchar(24)    not null,
    amount       numeric(14, 2) not null check (amount > 0),
    granted_on   date           not null,
    note         varchar(300),
    recorded_by  varchar(64)    not null,
    created_at   timestamptz    not null
);
create index workshop_subsidy_workshop on workshop_subsidy (workshop_id);

create table workshop_check (
    id                 uuid primary key,
    workshop_id        uuid           not null references workshop (id),
    quarter            varchar(7)     not null,
    status             varchar(16)    not null,
    workers            int            not null check (workers >= 0),
    relocated_workers  int            not null check (relocated_workers >= 0),
    income             numeric(14, 2) not null check (income >= 0),
    checked_on         date           not null,
    checked_by         varchar(64)    not null,
    note               varchar(500),
    created_at         timestamptz    not null,
    constraint workshop_check_quarter unique (workshop_id, quarter)
);
