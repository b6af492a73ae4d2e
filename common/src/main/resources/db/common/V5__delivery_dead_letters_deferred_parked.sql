-- Delivery hardening (issue 6): dead letters operators can list and replay, events waiting for a fact that has not
-- arrived yet, outbox rows the broker can never take.

-- Every record this service's consumers sent to its DLQ topic (stored by DeadLetterConsumer), and deferred events
-- whose prerequisite never arrived. The listing never shows the payload.
create table dead_letter (
    id               bigserial primary key,
    event_id         uuid,
    event_type       varchar(128),
    subject          varchar(64),
    channel          varchar(64),
    source_topic     varchar(128),
    source_partition int,
    source_offset    bigint,
    dlq_partition    int,
    dlq_offset       bigint,
    reason           varchar(500) not null,
    payload          text         not null,
    received_at      timestamptz  not null default now(),
    status           varchar(16)  not null default 'PENDING',
    replayed_at      timestamptz,
    replayed_by      varchar(128),
    replay_result    varchar(500),
    constraint dead_letter_dlq_record unique (dlq_partition, dlq_offset)
);
create index dead_letter_pending on dead_letter (id) where status = 'PENDING';

-- Events that arrived before what they need (NotYetKnownException); not in inbox_event until applied.
create table deferred_event (
    event_id        uuid primary key,
    channel         varchar(64)  not null,
    event_type      varchar(128) not null,
    subject         varchar(64),
    waiting_for     varchar(128) not null,
    payload         text         not null,
    reason          varchar(500),
    deferred_at     timestamptz  not null default now(),
    attempts        int          not null default 1,
    next_attempt_at timestamptz  not null default now()
);
create index deferred_event_waiting_for on deferred_event (waiting_for);
create index deferred_event_due on deferred_event (next_attempt_at);

-- The relay parks a row the broker refuses for good (too large, invalid) instead of retrying it forever.
alter table outbox_event add column parked_at timestamptz;
alter table outbox_event add column park_reason varchar(1000);
drop index outbox_event_unsent;
create index outbox_event_unsent on outbox_event (seq) where sent_at is null and parked_at is null;
