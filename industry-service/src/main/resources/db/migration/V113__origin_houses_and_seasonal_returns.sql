-- The origin place after the move (002 lines 100 and 108, item 29; 004 item 13): every old house demolished and its
-- plot reclaimed or regreened (拆旧复垦复绿, 应拆尽拆), or — an attached house or one worth keeping — taken back by the
-- village collective and sealed; and the relocated people who return for a season to farm or breed at the origin
-- place, registered at the site with a signed commitment to live in safe housing while there.
create table old_house (
    id             uuid primary key,
    version        bigint        not null default 0,
    household_id   uuid          not null,
    household_no   varchar(32)   not null,
    region_code    varchar(9)    not null,
    site_code      varchar(32),
    location       varchar(200)  not null,
    floor_area_m2  numeric(10, 2) not null check (floor_area_m2 > 0),
    status         varchar(16)   not null check (status in ('TO_DEMOLISH', 'DEMOLISHED', 'RECLAIMED', 'RETAINED')),
    demolished_on  date,
    reclaimed_on   date,
    reclaim_method varchar(16) check (reclaim_method in ('FARMLAND', 'GREENING')),
    reclaimed_mu   numeric(10, 2) check (reclaimed_mu > 0),
    retain_reason  varchar(16) check (retain_reason in ('ATTACHED', 'HERITAGE')),
    sealed_on      date,
    note           varchar(200),
    created_by     varchar(64)   not null,
    created_at     timestamptz   not null,
    updated_at     timestamptz   not null,
    check (status <> 'DEMOLISHED' or demolished_on is not null),
    check (status <> 'RECLAIMED' or (demolished_on is not null and reclaimed_on >= demolished_on and reclaim_method is not null)),
    check (status <> 'RETAINED' or (retain_reason is not null and sealed_on is not null))
);
create index old_house_region on old_house (region_code varchar_pattern_ops, household_no);
create index old_house_household on old_house (household_id);

create table seasonal_return (
    id                   uuid primary key,
    version              bigint        not null default 0,
    household_id         uuid          not null,
    household_no         varchar(32)   not null,
    region_code          varchar(9)    not null,
    site_code            varchar(32),
    person_id            uuid          not null,
    person_name          varchar(50)   not null,
    origin_location      varchar(200)  not null,
    activity             varchar(16)   not null check (activity in ('PLANTING', 'BREEDING')),
    crop                 varchar(100)  not null,
    from_on              date          not null,
    to_on                date          not null,
    commitment_signed_on date          not null,
    safe_housing         varchar(200)  not null,
    status               varchar(16)   not null check (status in ('REGISTERED', 'BACK')),
    back_on              date,
    created_by           varchar(64)   not null,
    created_at           timestamptz   not null,
    updated_at           timestamptz   not null,
    check (to_on > from_on),
    check (commitment_signed_on <= from_on),
    check (status <> 'BACK' or back_on is not null)
);
create index seasonal_return_region on seasonal_return (region_code varchar_pattern_ops, household_no);
create index seasonal_return_household on seasonal_return (household_id);
