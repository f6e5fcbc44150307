-- 公积金再次提取 (B6) as the centre handles it: the platform's request id (a retried application is the same
-- application) and the bank card the withdrawal is paid to (masked: the centre keeps the full number, the
-- sandbox only what it shows). 公积金贷款 (loans) of the demo people.
alter table dept_gjj.withdrawals add column request_id text;
alter table dept_gjj.withdrawals add column bank_name text;
alter table dept_gjj.withdrawals add column bank_card_masked text;
alter table dept_gjj.withdrawals add column refusal_note text;
create unique index withdrawals_request_idx on dept_gjj.withdrawals (id_number, city_code, request_id)
  where request_id is not null;

create table dept_gjj.loans (
  id_number text collate "C" not null,
  city_code text collate "C" not null,
  contract_number text collate "C" not null check (contract_number ~ '^[0-9]{16}$'),
  -- 贷款金额 (fen), 贷款期限 (months), 年利率 (basis points), 还款方式
  principal_fen integer not null check (principal_fen > 0),
  term_months smallint not null check (term_months between 12 and 360),
  annual_rate_bp smallint not null check (annual_rate_bp between 100 and 1000),
  repayment_method text not null check (repayment_method in ('equal-installment', 'equal-principal')),
  -- first repayment month; repayments fall on repayment_day of each month
  first_repayment_month text not null check (first_repayment_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  repayment_day smallint not null check (repayment_day between 1 and 28),
  lending_bank text not null,
  overdue_periods smallint not null default 0 check (overdue_periods >= 0),
  settled_on date,
  primary key (id_number, city_code, contract_number),
  foreign key (id_number, city_code) references dept_gjj.accounts (id_number, city_code) on delete cascade
);
