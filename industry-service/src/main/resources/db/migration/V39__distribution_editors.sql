-- four eyes: everyone who wrote a draft plan's uses is one of its makers; none of them may approve it
alter table distribution_cycle add column edited_by text[] not null default '{}';
