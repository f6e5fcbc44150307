-- 为他人办理 in 办件 and 预约 (the services the catalog marks 本人或为他人办理): the account that acted (account_id,
-- the 代办人) may differ from the applicant. A case or booking made for someone else records the principal (the
-- person the delegation is for: the applicant, whose identity the record holds), the delegation used and the
-- agent's masked name as shown to the principal and the reviewer. Null principal: the account holder applied for
-- themself (every row before this migration).
alter table cases add column principal_person_id text check (length(principal_person_id) between 1 and 80);
alter table cases add column delegation_id uuid references delegations (id);
alter table cases add column agent_name_masked text check (length(agent_name_masked) between 1 and 40);
alter table cases add constraint cases_on_behalf_check
  check ((principal_person_id is null) = (delegation_id is null) and (principal_person_id is null) = (agent_name_masked is null));
-- 我的办件 of the principal (cases made for them by someone else).
create index cases_principal_idx on cases (principal_person_id, submitted_at desc) where principal_person_id is not null;

alter table appointments add column principal_person_id text check (length(principal_person_id) between 1 and 80);
alter table appointments add column delegation_id uuid references delegations (id);
alter table appointments add column agent_name_masked text check (length(agent_name_masked) between 1 and 40);
alter table appointments add constraint appointments_on_behalf_check
  check ((principal_person_id is null) = (delegation_id is null) and (principal_person_id is null) = (agent_name_masked is null));
create index appointments_principal_idx on appointments (principal_person_id, service_id, status) where principal_person_id is not null;
