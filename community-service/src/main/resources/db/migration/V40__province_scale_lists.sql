-- Province scale (issue 8). Lists read one index range in their own order; the per-site counts are maintained.

-- Households list in (region, household no) order: the data-scope prefix and the township filter are one range of
-- this index, already in list order (region codes are digits; the databases use the C collation, deploy/local).
create index household_list on household (region_code, household_no);
create index household_site_list on household (site_id, region_code, household_no);
-- the labour filter asks whether a household has an active member with that capacity
create index person_household_labour on person (household_id, labour_capacity) where status = 'ACTIVE';

-- Active households and their active people per site, kept by statement triggers from the rows each statement
-- changed (transition tables), so GET /sites reads 20 counts instead of counting 2 million people per page.
create table site_count (
    site_id    uuid primary key references site (id),
    households bigint not null default 0,
    people     bigint not null default 0
);

create function site_count_household() returns trigger language plpgsql as $$
begin
    -- a household counts while ACTIVE; its active people count with it (none yet when it is inserted)
    if tg_op in ('UPDATE', 'DELETE') then
        insert into site_count (site_id, households, people)
        select o.site_id, -count(*), -coalesce(sum((select count(*) from person p where p.household_id = o.id and p.status = 'ACTIVE')), 0)
        from old_rows o where o.status = 'ACTIVE' and o.site_id is not null group by o.site_id
        on conflict (site_id) do update set households = site_count.households + excluded.households,
                                            people = site_count.people + excluded.people;
    end if;
    if tg_op in ('UPDATE', 'INSERT') then
        insert into site_count (site_id, households, people)
        select n.site_id, count(*), coalesce(sum((select count(*) from person p where p.household_id = n.id and p.status = 'ACTIVE')), 0)
        from new_rows n where n.status = 'ACTIVE' and n.site_id is not null group by n.site_id
        on conflict (site_id) do update set households = site_count.households + excluded.households,
                                            people = site_count.people + excluded.people;
    end if;
    return null;
end $$;

create function site_count_person() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        insert into site_count (site_id, households, people)
        select h.site_id, 0, -count(*) from old_rows o join household h on h.id = o.household_id
        where o.status = 'ACTIVE' and h.status = 'ACTIVE' and h.site_id is not null group by h.site_id
        on conflict (site_id) do update set people = site_count.people + excluded.people;
    end if;
    if tg_op in ('UPDATE', 'INSERT') then
        insert into site_count (site_id, households, people)
        select h.site_id, 0, count(*) from new_rows n join household h on h.id = n.household_id
        where n.status = 'ACTIVE' and h.status = 'ACTIVE' and h.site_id is not null group by h.site_id
        on conflict (site_id) do update set people = site_count.people + excluded.people;
    end if;
    return null;
end $$;

create trigger household_site_count_ins after insert on household referencing new table as new_rows
    for each statement execute function site_count_household();
create trigger household_site_count_upd after update on household referencing old table as old_rows new table as new_rows
    for each statement execute function site_count_household();
create trigger household_site_count_del after delete on household referencing old table as old_rows
    for each statement execute function site_count_household();
create trigger person_site_count_ins after insert on person referencing new table as new_rows
    for each statement execute function site_count_person();
create trigger person_site_count_upd after update on person referencing old table as old_rows new table as new_rows
    for each statement execute function site_count_person();
create trigger person_site_count_del after delete on person referencing old table as old_rows
    for each statement execute function site_count_person();

-- Recounts every site from the rows (after a restore, a TRUNCATE or a bulk load with triggers disabled).
create function rebuild_site_counts() returns void language sql as $$
    delete from site_count;
    insert into site_count (site_id, households, people)
    select s.id,
           (select count(*) from household h where h.site_id = s.id and h.status = 'ACTIVE'),
           (select count(*) from household h join person p on p.household_id = h.id
             where h.site_id = s.id and h.status = 'ACTIVE' and p.status = 'ACTIVE')
    from site s;
$$;

select rebuild_site_counts();
