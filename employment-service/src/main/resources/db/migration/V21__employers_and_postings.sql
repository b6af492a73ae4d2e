-- Employers and job postings 岗位清单: enterprises, assistance workshops 帮扶车间, work-relief projects 以工代赈 and
-- public-welfare post units; postings with place, wage range, count, occupation and required skills (codes of the
-- skills dictionary), whether weak labour or people who cannot leave home can take them, validity.
create table employer (
    id            uuid primary key,
    version       bigint       not null,
    name          varchar(100) not null,
    kind          varchar(24)  not null,
    credit_code   varchar(18),
    region_code   varchar(9)   not null,
    address       varchar(200),
    contact_name  varchar(50),
    contact_phone varchar(20),
    created_by    varchar(64)  not null,
    created_at    timestamptz  not null
);
create unique index employer_credit_code on employer (credit_code) where credit_code is not null;
create index employer_region on employer (region_code varchar_pattern_ops);

create table job_posting (
    id                uuid primary key,
    version           bigint        not null,
    employer_id       uuid          not null references employer (id),
    title             varchar(100)  not null,
    occupation        varchar(24)   not null references skill (code),
    required_skills   varchar(24)[] not null default '{}',
    region_code       varchar(9)    not null,
    workplace         varchar(200),
    wage_min          int           not null,
    wage_max          int           not null,
    openings          int           not null,
    filled            int           not null default 0,
    suitable_for_weak boolean       not null,
    home_based        boolean       not null,
    valid_from        date          not null,
    valid_until       date          not null,
    status            varchar(16)   not null,
    closed_reason     varchar(200),
    created_by        varchar(64)   not null,
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null
);
-- matching reads the open postings of the county: only those rows are indexed
create index job_posting_open on job_posting (valid_until) where status = 'OPEN';
create index job_posting_employer on job_posting (employer_id);
create index job_posting_region on job_posting (region_code varchar_pattern_ops);

-- 送岗进点: a posting published to resettlement sites, shown on each site's job board
create table posting_site (
    posting_id   uuid        not null references job_posting (id) on delete cascade,
    site_code    varchar(32) not null,
    published_by varchar(64) not null,
    published_at timestamptz not null,
    primary key (posting_id, site_code)
);
create index posting_site_site on posting_site (site_code);
