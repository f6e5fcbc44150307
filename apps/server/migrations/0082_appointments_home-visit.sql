-- 上门服务 (开锁便民服务; docs/appointments-more.md): where the visit goes and the phone to call first. Sealed with the
-- data key (associated data appointments.visit_address:<id> / appointments.visit_phone:<id>); the masked copies are
-- what the citizen's pages and the slot's list show (广州市天河区****, 138****8000). Null for the other services.
alter table appointments
  add column visit_address_encrypted text,
  add column visit_address_masked text,
  add column visit_phone_encrypted text,
  add column visit_phone_masked text;
