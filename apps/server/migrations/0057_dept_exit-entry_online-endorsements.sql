-- Sandbox exit-entry system: endorsements applied for online (粤省事在线签注) carry the platform's payment
-- reference, so that the same application asked again answers the endorsement already made.
alter table dept_churujing.endorsements add column application_reference text unique
  check (length(application_reference) between 8 and 64);
