-- Labour export 劳务输出 [003 (四), 004 item 5]: organised transfers of workers to other regions (east–west labour
-- cooperation, paired assistance, county labour companies), with destination, employer, organiser and batch. Each
-- transfer is also the person's placement (kind EMPLOYED_OUTSIDE), so coverage, the lists and monitoring see it;
-- the return home (e.g. because of a disaster) ends that placement.
create table labour_export (
    id               uuid primary key,
    version          bigint       not null,
    placement_id     uuid         not null references placement (id),
    person_id        uuid         not null,
    household_id     uuid         not null,
    household_no     varchar(32)  not null,
    region_code      varchar(9)   not null,
    site_code        varchar(32),
    channel          varchar(24)  not null,
    destination      varchar(100) not null,
    destination_code varchar(6),
    employer_id      uuid references employer (id),
    employer_name    varchar(100) not null,
    organised_by     varchar(100) not null,
    batch            varchar(50),
    point_to_point   boolean      not null,
    departed_on      date         not null,
    status           varchar(16)  not null,
    returned_on      date,
    return_reason    varchar(24),
    recorded_by      varchar(64)  not null,
    created_at       timestamptz  not null
);
create index labour_export_region on labour_export (region_code varchar_pattern_ops, departed_on);
create index labour_export_site on labour_export (site_code, departed_on);
create index labour_export_person on labour_export (person_id);
