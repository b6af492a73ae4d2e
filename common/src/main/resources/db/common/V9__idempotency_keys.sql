-- Idempotency-Key (IETF draft-ietf-httpapi-idempotency-key-header): the first answer to a POST, kept per caller and
-- key for a day, so a mobile client on a rural network can repeat a create without creating twice.
create table idempotency_key (
    principal     varchar(128)  not null,
    idem_key      varchar(255)  not null,
    request_hash  varchar(64)   not null,
    method        varchar(8)    not null,
    path          varchar(1000) not null,
    status        int,
    content_type  varchar(128),
    location      varchar(1000),
    body          text,
    created_at    timestamptz   not null default now(),
    completed_at  timestamptz,
    primary key (principal, idem_key)
);
create index idempotency_key_created_at on idempotency_key (created_at);
