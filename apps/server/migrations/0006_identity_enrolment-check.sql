-- A fresh SMS re-check of the account's own phone lets an account with no passkey and no PIN enrol its
-- first one after the enrolment window of the login has passed. It never unlocks personal data.
alter table identity_sessions add column enrolment_verified_at timestamptz;
