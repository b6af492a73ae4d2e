-- Why a lease of the origin place ended early (收回自种, 流入方违约 ...): asked when it is terminated, kept with it.
alter table land_lease add column termination_reason varchar(200);
