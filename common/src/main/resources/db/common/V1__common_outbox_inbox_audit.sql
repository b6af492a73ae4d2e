-- Tables every service has, written once here (suite-common) and run by each service's Flyway
-- (quarkus.flyway.locations=db/common,db/migration). Service migrations start at V10.

-- Transactional outbox: written in the same transaction as the state change, relayed to Kafka by OutboxRelay.
create table outbox_event (
    id             uuid primary key,
    seq            bigserial    not null,
    aggregate_type varchar(64)  not null,
    aggregate_id   varchar(64)  not null,
    event_type     varchar(128) not null,
    topic          varchar(128) not null,
    payload        text         not null,
    occurred_at    timestamptz  not null,
    sent_at        timestamptz,
    attempts       int          not null default 0,
    last_error     varchar(1000)
);
create index outbox_event_unsent on outbox_event (seq) where sent_at is null;
create index outbox_event_sent_at on outbox_event (sent_at) where sent_at is not null;

-- Idempotent consumer: the id of every event applied, recorded in the same transaction as its effect.
create table inbox_event (
    event_id    uuid primary key,
    event_type  varchar(128) not null,
    source      varchar(128),
    subject     varchar(64),
    received_at timestamptz  not null default now()
);

-- Who read whose personal data, when, through which endpoint.
create table audit_log (
    id          bigserial primary key,
    at          timestamptz  not null default now(),
    actor       varchar(128) not null,
    roles       varchar(256),
    action      varchar(32)  not null,
    subject_type varchar(32) not null,
    subject_id  varchar(64),
    request_id  varchar(64),
    path        varchar(512),
    detail      varchar(512)
);
create index audit_log_subject on audit_log (subject_type, subject_id);
create index audit_log_actor_at on audit_log (actor, at);
