-- A stored match keeps the whole of what was played (Domain Match): each player's largest deficit (what
-- the comeback achievement is judged on) and who watched it. Matches stored before have neither.

alter table matches add column left_max_deficit  integer not null default 0 check (left_max_deficit >= 0);
alter table matches add column right_max_deficit integer not null default 0 check (right_max_deficit >= 0);
alter table matches add column spectator_ids     uuid[]  not null default '{}';
