-- "311" service 就业服务 [001 item 3]: each year every registered unemployed worker who wants a job gets at least 3 job
-- offers, 1 career guidance and 1 free training offer. Job offers count the recommendations made that year plus the
-- offers recorded here (e.g. made at a job fair); guidance and training offers are recorded here.
create table employment_service (
    id           uuid primary key,
    person_id    uuid         not null,
    household_id uuid         not null,
    household_no varchar(32)  not null,
    region_code  varchar(9)   not null,
    site_code    varchar(32),
    kind         varchar(16)  not null,
    served_on    date         not null,
    note         varchar(200),
    recorded_by  varchar(64)  not null,
    recorded_at  timestamptz  not null
);
create index employment_service_person on employment_service (person_id, served_on);
