-- Consumption assistance (消费帮扶): sales channels and buyer agreements for the products of a site (its workshops,
-- bases, cooperatives and households), and the sales recorded through each.
create table consumption_channel (
    id              uuid primary key,
    version         bigint         not null default 0,
    site_code       varchar(32)    not null,
    region_code     varchar(9)     not null,
    kind            varchar(16)    not null,
    name            varchar(100)   not null,
    buyer           varchar(100)   not null,
    products        varchar(300)   not null,
    agreement_no    varchar(50),
    agreed_amount   numeric(14, 2) check (agreed_amount >= 0),
    agreement_from  date           not null,
    agreement_to    date,
    created_by      varchar(64)    not null,
    created_at      timestamptz    not null,
    updated_at      timestamptz    not null,
    check (agreement_to is null or agreement_to >= agreement_from)
);
create index consumption_channel_region on consumption_channel (region_code varchar_pattern_ops);
create unique index consumption_channel_site_name on consumption_channel (site_code, name);

create table consumption_sale (
    id                   uuid primary key,
    channel_id           uuid           not null references consumption_channel (id),
    sold_on              date           not null,
    product              varchar(100)   not null,
    amount               numeric(14, 2) not null check (amount > 0),
    households_benefited int            not null check (households_benefited >= 0),
    note                 varchar(300),
    recorded_by          varchar(64)    not null,
    created_at           timestamptz    not null
);
create index consumption_sale_channel on consumption_sale (channel_id, sold_on);
