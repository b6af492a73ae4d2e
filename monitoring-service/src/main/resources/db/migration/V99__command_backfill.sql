-- The command view on a database that already holds monitoring's data (issue 13): the projection starts from what
-- monitoring knows at migration time, then events keep it up to date. Stock figures are set for the current month
-- (earlier months have no stock history: they read as 0); flows are rebuilt per month from risks and visits.
-- Placements (employment) and site scores (community) are not in monitoring's tables: they count from their next event.
insert into command_household (household_id, version, household_no, region_code, site_code, active, people, labour,
                               employed_registry, placements, subject_type, updated_at)
select h.id, h.version, h.household_no, coalesce(h.region_code, ''), coalesce(h.site_code, ''), h.status = 'ACTIVE',
       (select count(*) from registry_person p where p.household_id = h.id and p.status = 'ACTIVE'),
       exists (select 1 from registry_person p where p.household_id = h.id and p.status = 'ACTIVE'
               and p.labour_capacity in ('FULL', 'WEAK')),
       exists (select 1 from registry_person p where p.household_id = h.id and p.status = 'ACTIVE'
               and p.employment_status in ('EMPLOYED_LOCAL', 'EMPLOYED_OUTSIDE', 'SELF_EMPLOYED', 'PUBLIC_WELFARE_POST')),
       0,
       (select c.subject_type from monitoring_case c where c.household_id = h.id and c.status = 'IDENTIFIED'
        order by c.closed_at desc nulls last limit 1),
       now()
from registry_household h
on conflict do nothing;

insert into command_risk (risk_id, household_id, household_no, region_code, site_code, category, open, flagged_at, closed_at, outcome)
select r.id, r.household_id, r.household_no, r.region_code, coalesce(r.site_code, ''), r.category, r.status = 'OPEN',
       r.flagged_at, r.closed_at, case when r.status = 'OPEN' then null else r.status end
from risk r
on conflict do nothing;

insert into command_task (task_id, risk_id, household_id, household_no, region_code, site_code, domain, department, kind,
                          title, deadline, status, overdue, created_at, closed_at)
select m.task_id, m.risk_id, m.household_id, r.household_no, r.region_code, coalesce(r.site_code, ''), m.domain, m.department,
       m.kind, m.title, m.deadline, case when m.status = 'PLANNED' then 'OPEN' else m.status end,
       m.status = 'PLANNED' and m.deadline < current_date, m.updated_at,
       case when m.status = 'PLANNED' then null else m.updated_at end
from plan_measure m join risk r on r.id = m.risk_id
on conflict do nothing;

insert into command_visit (household_id, month, region_code, site_code, visited_on)
select v.household_id, v.visit_month, v.region_code, coalesce(v.site_code, ''), v.visited_on from visit v
on conflict do nothing;

-- stock figures of the current month
insert into command_figure (region_code, site_code, figure, dim, month, value, updated_at)
select region_code, site_code, figure, dim, to_char(now() at time zone 'Asia/Shanghai', 'YYYY-MM'), sum(v), now() from (
    select region_code, site_code, 'HOUSEHOLDS' as figure, '' as dim, 1 as v from command_household where active
    union all select region_code, site_code, 'PEOPLE', '', people from command_household where active
    union all select region_code, site_code, 'LABOUR_HOUSEHOLDS', '', 1 from command_household where active and labour
    union all select region_code, site_code, 'LABOUR_HOUSEHOLDS_EMPLOYED', '', 1 from command_household
              where active and labour and employed_registry
    union all select region_code, site_code, 'SUBJECTS', subject_type, 1 from command_household
              where active and subject_type is not null
    union all select region_code, site_code, 'RISKS_OPEN', '', 1 from command_risk where open
    union all select region_code, site_code, 'TASKS_OPEN', department, 1 from command_task where status = 'OPEN'
    union all select region_code, site_code, 'TASKS_OVERDUE', department, 1 from command_task where status = 'OPEN' and overdue
) s group by region_code, site_code, figure, dim
on conflict do nothing;

-- flows, month by month
insert into command_figure (region_code, site_code, figure, dim, month, value, updated_at)
select region_code, site_code, figure, '', month, count(*), now() from (
    select region_code, site_code, 'RISKS_FLAGGED' as figure,
           to_char(flagged_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month from command_risk
    union all select region_code, site_code, 'RISKS_ELIMINATED', to_char(closed_at at time zone 'Asia/Shanghai', 'YYYY-MM')
              from command_risk where not open and closed_at is not null
    union all select region_code, site_code, 'VISITED_HOUSEHOLDS', month from command_visit
) s group by region_code, site_code, figure, month
on conflict do nothing;
