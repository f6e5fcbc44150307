-- 预约提醒: when the day-before reminder went out (null: not yet). The reminder job picks live bookings whose window
-- starts within the next 24 hours and have none, so each booking is reminded once, whatever the job's interval.
alter table appointments add column reminded_at timestamptz;
create index appointments_remind_idx on appointments (slot_id) where status = 'booked' and reminded_at is null;
