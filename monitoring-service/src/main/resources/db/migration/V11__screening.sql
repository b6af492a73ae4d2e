-- Department data screening (部门数据筛查): one row per uploaded file with what became of its rows.
-- The rows themselves go through a per-upload unlogged staging table (COPY), dropped when the upload is done.
create table screening (
    id           uuid primary key,
    department   varchar(64)  not null,
    month        varchar(7)   not null,
    file_name    varchar(200),
    uploaded_by  varchar(64)  not null,
    uploaded_at  timestamptz  not null,
    rows         int          not null,
    valid        int          not null,
    malformed    int          not null,
    matched      int          not null,
    unmatched    int          not null,
    warnings     int          not null,
    millis       bigint       not null
);
