-- Income a household received that another service recorded (industry: dividends, rents): evidence beside the
-- monthly visits' per-capita income when a risk's elimination is weighed.
create table income_evidence (
    id            uuid primary key,
    household_id  uuid           not null,
    region_code   varchar(9)     not null,
    site_code     varchar(32),
    source        varchar(24)    not null,
    kind          varchar(16)    not null,
    amount        numeric(14, 2) not null,
    paid_on       date           not null,
    year          int            not null,
    reference     uuid,
    recorded_at   timestamptz    not null,
    constraint income_evidence_once unique (household_id, kind, reference)
);
create index income_evidence_household on income_evidence (household_id, paid_on);
