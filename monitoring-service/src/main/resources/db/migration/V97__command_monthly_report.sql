-- The monthly report 月报 for the next level up (issue 13): the first report of a month that has ended is frozen here
-- (the figures as reported, by area), so the report of a past month reads the same however many times it is asked
-- for, even when events applied later move the projection's cells of that month.
create table command_report (
    area        varchar(40)  not null,
    month       varchar(7)   not null,
    content     text         not null,
    frozen_at   timestamptz  not null,
    frozen_by   varchar(128) not null,
    primary key (area, month)
);
