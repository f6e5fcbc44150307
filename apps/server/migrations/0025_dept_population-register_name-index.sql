-- 取名查询 (E2) asks the population register how many living people bear a name: an index on the name.
create index people_name_idx on dept_gongan.people (name) where status = 'normal';
