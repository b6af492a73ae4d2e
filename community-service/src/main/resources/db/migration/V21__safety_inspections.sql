-- Monthly safety inspections per site (地质灾害、住房安全、消防安全) and each hazard followed up until it is removed
-- (安全隐患台账: owner, deadline, follow-ups, closed with evidence).
create table safety_inspection (
    id            uuid primary key,
    version       bigint        not null,
    site_id       uuid          not null references site (id),
    site_code     varchar(32)   not null,
    region_code   varchar(9)    not null,
    inspection_month varchar(7) not null,
    category      varchar(24)   not null,
    inspected_on  date          not null,
    inspector     varchar(100)  not null,
    findings      varchar(2000) not null,
    hazards_found int           not null,
    recorded_by   varchar(64)   not null,
    created_at    timestamptz   not null,
    constraint safety_inspection_once unique (site_id, inspection_month, category)
);
create index safety_inspection_region on safety_inspection (region_code, inspection_month);

alter table safety_hazard add column inspection_id uuid references safety_inspection (id);
alter table safety_hazard add column owner varchar(100);
alter table safety_hazard add column due_on date;
alter table safety_hazard add column evidence varchar(2000);
alter table safety_hazard add column closed_by varchar(64);
alter table safety_hazard add column closed_at timestamptz;
alter table safety_hazard add column updated_at timestamptz;
-- hazards recorded before deadlines existed: due 30 days after they were recorded
update safety_hazard set due_on = recorded_on + 30, owner = recorded_by, updated_at = created_at where due_on is null;
alter table safety_hazard alter column due_on set not null;
alter table safety_hazard alter column owner set not null;
-- the open and overdue hazard lists of a township or site, soonest deadline first
create index safety_hazard_region_open on safety_hazard (region_code, due_on) where status = 'OPEN';
create index safety_hazard_site_open on safety_hazard (site_code, due_on) where status = 'OPEN';
create index safety_hazard_region on safety_hazard (region_code, recorded_on);

create table safety_hazard_follow_up (
    id          bigserial primary key,
    hazard_id   uuid          not null references safety_hazard (id),
    followed_on date          not null,
    note        varchar(1000) not null,
    owner       varchar(100),
    due_on      date,
    actor       varchar(64)   not null,
    at          timestamptz   not null
);
create index safety_hazard_follow_up_hazard on safety_hazard_follow_up (hazard_id, id);
