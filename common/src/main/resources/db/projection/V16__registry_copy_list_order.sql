-- Province scale (issue 8): the registry copy lists in (township, household number) order read one index range,
-- the data-scope prefix and the township filter included; the labour filter probes one member index.
create index registry_household_list on registry_household (region_code, household_no, id);
create index registry_household_site_list on registry_household (site_code, region_code, household_no, id);
create index registry_person_household_labour on registry_person (household_id, labour_capacity) where status = 'ACTIVE';
