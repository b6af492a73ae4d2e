-- Housing rules: extension applications go household → village review → township approval with the seeds'
-- conditions recorded (两必须、两严禁、两确保); the 20-year ban on mortgage, sale or transfer per house; rentals registered.
alter table housing_extension add column voluntary boolean;
alter table housing_extension add column own_funds boolean;
alter table housing_extension add column funding_note varchar(500);
alter table housing_extension add column no_loans boolean;
alter table housing_extension add column village_reviewed_by varchar(64);
alter table housing_extension add column village_reviewed_at timestamptz;
alter table housing_extension add column village_note varchar(500);
alter table housing_extension add column decided_by varchar(64);
create index housing_extension_region on housing_extension (region_code, status, applied_at);

create table house_restriction (
    household_id   uuid primary key references household (id),
    version        bigint       not null,
    region_code    varchar(9)   not null,
    site_code      varchar(32),
    house_address  varchar(200) not null,
    handed_over_on date         not null,
    ban_ends_on    date         not null,
    recorded_by    varchar(64)  not null,
    created_at     timestamptz  not null
);
create index house_restriction_region on house_restriction (region_code, ban_ends_on);

create table housing_rental (
    id            uuid primary key,
    household_id  uuid          not null references household (id),
    region_code   varchar(9)    not null,
    site_code     varchar(32),
    tenant_name   varchar(50)   not null,
    tenants       int           not null,
    starts_on     date          not null,
    ends_on       date          not null,
    monthly_rent  numeric(10, 2) not null,
    purpose       varchar(200)  not null,
    registered_by varchar(64)   not null,
    created_at    timestamptz   not null
);
create index housing_rental_region on housing_rental (region_code, ends_on);
create index housing_rental_household on housing_rental (household_id);
