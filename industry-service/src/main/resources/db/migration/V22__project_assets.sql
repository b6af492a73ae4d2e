-- Poverty-alleviation project assets (扶贫项目资产): ownership, kind, value, funding, custodian and maintenance,
-- status; changes and disposals go through approval by someone other than their maker.
create table project_asset (
    id                  uuid primary key,
    version             bigint         not null default 0,
    asset_no            varchar(32)    not null,
    name                varchar(100)   not null,
    kind                varchar(16)    not null,
    category            varchar(24)    not null,
    site_code           varchar(32)    not null,
    region_code         varchar(9)     not null,
    owner               varchar(100)   not null,
    ownership_certified boolean        not null,
    value               numeric(14, 2) not null check (value >= 0),
    funding_source      varchar(24)    not null,
    completed_on        date           not null,
    useful_life_years   int            not null check (useful_life_years between 1 and 100),
    residual_rate       numeric(5, 4)  not null check (residual_rate >= 0 and residual_rate < 1),
    custodian           varchar(100)   not null,
    maintenance_fund    numeric(14, 2) not null check (maintenance_fund >= 0),
    maintenance_every_months int       not null check (maintenance_every_months between 1 and 120),
    last_maintained_on  date,
    status              varchar(16)    not null,
    created_by          varchar(64)    not null,
    created_at          timestamptz    not null,
    updated_at          timestamptz    not null
);
create unique index project_asset_no on project_asset (asset_no);
create index project_asset_region on project_asset (region_code varchar_pattern_ops);
create index project_asset_site on project_asset (site_code);

create table asset_maintenance (
    id            uuid primary key,
    asset_id      uuid           not null references project_asset (id),
    maintained_on date           not null,
    cost          numeric(14, 2) not null check (cost >= 0),
    note          varchar(300)   not null,
    recorded_by   varchar(64)    not null,
    created_at    timestamptz    not null
);
create index asset_maintenance_asset on asset_maintenance (asset_id);

-- a proposed change (value, custodian, owner, status) or a disposal; applied only when approved by another user
create table asset_change (
    id            uuid primary key,
    version       bigint         not null default 0,
    asset_id      uuid           not null references project_asset (id),
    kind          varchar(16)    not null,
    new_value     numeric(14, 2),
    new_custodian varchar(100),
    new_owner     varchar(100),
    new_status    varchar(16),
    reason        varchar(500)   not null,
    status        varchar(16)    not null,
    proposed_by   varchar(64)    not null,
    proposed_at   timestamptz    not null,
    decided_by    varchar(64),
    decided_at    timestamptz,
    decision_note varchar(500)
);
create index asset_change_asset on asset_change (asset_id);
-- one pending proposal per asset at a time
create unique index asset_change_pending on asset_change (asset_id) where status = 'PENDING';
