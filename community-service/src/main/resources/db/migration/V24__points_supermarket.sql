-- Points supermarket (积分超市): rules per site for earning points, awards proposed by staff and approved by another
-- person, goods with stock, redemptions; a household's balance is what was approved minus what was redeemed.
create table points_rule (
    id          uuid primary key,
    site_id     uuid         not null references site (id),
    site_code   varchar(32)  not null,
    region_code varchar(9)   not null,
    code        varchar(32)  not null,
    name        varchar(100) not null,
    kind        varchar(16)  not null,
    points      int          not null check (points > 0),
    created_by  varchar(64)  not null,
    created_at  timestamptz  not null,
    constraint points_rule_code unique (site_id, code)
);

create table points_award (
    id           uuid primary key,
    version      bigint       not null,
    household_id uuid         not null references household (id),
    household_no varchar(32)  not null,
    site_code    varchar(32)  not null,
    region_code  varchar(9)   not null,
    rule_id      uuid references points_rule (id),
    points       int          not null check (points > 0),
    reason       varchar(500) not null,
    status       varchar(16)  not null,
    proposed_by  varchar(64)  not null,
    proposed_at  timestamptz  not null,
    approved_by  varchar(64),
    decided_at   timestamptz
);
create index points_award_household on points_award (household_id, status);
create index points_award_region on points_award (region_code, status, proposed_at);

create table points_goods (
    id           uuid primary key,
    version      bigint       not null,
    site_id      uuid         not null references site (id),
    site_code    varchar(32)  not null,
    region_code  varchar(9)   not null,
    name         varchar(100) not null,
    points_price int          not null check (points_price > 0),
    stock        int          not null check (stock >= 0),
    created_at   timestamptz  not null
);
create index points_goods_site on points_goods (site_code);

create table points_redemption (
    id           uuid primary key,
    household_id uuid         not null references household (id),
    household_no varchar(32)  not null,
    site_code    varchar(32)  not null,
    region_code  varchar(9)   not null,
    goods_id     uuid         not null references points_goods (id),
    quantity     int          not null check (quantity > 0),
    points       int          not null,
    redeemed_by  varchar(64)  not null,
    redeemed_at  timestamptz  not null
);
create index points_redemption_household on points_redemption (household_id);
