-- Assistance workshops registered in industry-service (workshop.registered), kept as employers: one row per workshop
-- id, and an employer row of kind WORKSHOP with the same id, so a posting names the workshop as its employer by
-- employerId = workshopId.
create table workshop_employer (
    workshop_id   uuid primary key references employer (id),
    name          varchar(100) not null,
    site_code     varchar(32)  not null,
    region_code   varchar(9)   not null,
    operator      varchar(100),
    products      varchar(200),
    jobs          int          not null,
    opened_on     date,
    event_id      uuid         not null,
    updated_at    timestamptz  not null
);
create index workshop_employer_region on workshop_employer (region_code varchar_pattern_ops);
