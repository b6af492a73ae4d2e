-- four eyes: everyone who changed a draft roll's lines is one of its makers; none of them may approve it
alter table work_roll add column edited_by text[] not null default '{}';
