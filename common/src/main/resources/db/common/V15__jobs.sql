-- Long exports and imports run as jobs (issue 8): the caller gets the job's id at once and polls its progress;
-- the result (a file) is downloaded when it is done. A job is visible only to the user who started it.
create table job (
    id            uuid primary key,
    kind          varchar(64)   not null,
    owner         varchar(128)  not null,
    status        varchar(16)   not null,
    rows_total    bigint,
    rows_done     bigint        not null default 0,
    errors        bigint        not null default 0,
    error_samples text,
    detail        varchar(2000),
    result_name   varchar(200),
    result_type   varchar(200),
    result_path   varchar(1000),
    result_bytes  bigint,
    summary       text,
    created_at    timestamptz   not null,
    started_at    timestamptz,
    finished_at   timestamptz
);
create index job_owner on job (owner, created_at desc);
