-- The county's open-request and open-hazard lists read the first page in deadline order straight from these
-- (measured: the top 20 of 16 666 open requests from 25 ms, a bitmap scan and a sort, to 0.1 ms; docs/benchmarks.md).
create index service_request_open_due on service_request (due_at, id) include (region_code, site_code)
    where status in ('SUBMITTED', 'ACCEPTED');
create index safety_hazard_open_due on safety_hazard (due_on, id) include (region_code, site_code) where status = 'OPEN';
