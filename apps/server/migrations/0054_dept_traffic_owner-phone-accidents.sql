-- Sandbox traffic-management system (交管): what the 一键移车 and 六年免检 services need of a vehicle's record.
-- owner_phone: the mobile number the owner registered with the traffic police (as on 交管12123); the platform asks
-- for it only to send a 移车提醒 and never shows it. null: none registered.
-- unresolved_accidents: 未处理完毕的交通事故 of the vehicle (a 六年免检 label needs none).
alter table dept_jiaoguan.vehicles add column owner_phone text check (owner_phone ~ '^1[3-9][0-9]{9}$');
alter table dept_jiaoguan.vehicles add column unresolved_accidents integer not null default 0
  check (unresolved_accidents >= 0);
