-- Feedback module (意见反馈, FEATURES H1). The contact (phone or e-mail) is personal data: stored only
-- encrypted (AES-256-GCM, key outside the database) with a masked copy for staff lists.
create table feedback (
  id uuid primary key default gen_random_uuid(),
  category text not null check (category in ('question', 'suggestion', 'complaint', 'bug')),
  content text not null check (char_length(content) between 1 and 500),
  contact_encrypted text,
  contact_masked text,
  service_id text,
  city_code text,
  status text not null default 'new' check (status in ('new', 'read', 'answered', 'closed')),
  created_at timestamptz not null default now()
);

create index feedback_created_at_idx on feedback (created_at desc);
