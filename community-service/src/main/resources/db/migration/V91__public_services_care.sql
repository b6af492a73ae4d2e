-- Public services near a site (schools and kindergartens with places for relocated children, clinics, elderly care:
-- capacity and use) and the care lists of left-behind children, elderly and women (留守) with their visits (issue 11).
create table public_facility (
    id               uuid primary key,
    version          bigint       not null,
    site_id          uuid         not null references site (id),
    site_code        varchar(32)  not null,
    region_code      varchar(9)   not null,
    kind             varchar(24)  not null,
    name             varchar(100) not null,
    address          varchar(200),
    distance_km      numeric(6, 2),
    capacity         int          not null check (capacity >= 0),
    in_use           int          not null check (in_use >= 0),
    relocated_places int          not null default 0 check (relocated_places >= 0),
    relocated_in_use int          not null default 0 check (relocated_in_use >= 0),
    updated_by       varchar(64)  not null,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    constraint public_facility_name_per_site unique (site_id, kind, name)
);
create index public_facility_region on public_facility (region_code, site_code, kind);

create table care_person (
    id            uuid primary key,
    version       bigint        not null,
    person_id     uuid          not null references person (id),
    household_id  uuid          not null references household (id),
    site_code     varchar(32),
    region_code   varchar(9)    not null,
    category      varchar(24)   not null,
    carer         varchar(100),
    needs         varchar(1000),
    listed_on     date          not null,
    ended_on      date,
    end_reason    varchar(500),
    last_visit_on date,
    visits        int           not null default 0,
    created_by    varchar(64)   not null,
    created_at    timestamptz   not null
);
-- one active entry per person and category
create unique index care_person_active on care_person (person_id, category) where ended_on is null;
create index care_person_region on care_person (region_code, site_code, category) where ended_on is null;
create index care_person_household on care_person (household_id);

create table care_visit (
    id          uuid primary key,
    care_id     uuid          not null references care_person (id),
    visited_on  date          not null,
    visitor     varchar(50)   not null,
    situation   varchar(2000) not null,
    help_given  varchar(1000),
    recorded_by varchar(64)   not null,
    created_at  timestamptz   not null
);
create index care_visit_care on care_visit (care_id, visited_on desc);
