-- 工作日历: a year whose notice the platform does not carry yet is seeded provisionally from the law alone (the 13
-- statutory days and the 补假 the law owes for those on a weekend, contracts' provisionalArrangements), so that no
-- statutory day is open for booking while the notice is awaited. Such a year is marked provisional; the first start
-- after its notice is added to the contract replaces the seeded days (source 'notice'; an operator's stay) and
-- clears the mark (work-calendar.ts seedWorkCalendar).
alter table work_calendar_seeded_years add column provisional boolean not null default false;
