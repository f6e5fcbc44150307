-- A lapsed pending/active delegation that has to make way for a new request of the same agent and person is
-- closed as what it is, expired — not as "revoked by the agent", which the agent never did.
alter table delegations drop constraint delegations_status_check;
alter table delegations add constraint delegations_status_check
  check (status in ('pending', 'active', 'declined', 'revoked', 'expired'));
