-- 消息 kind for online flight check-ins (航班在线值机: checked in, check-in cancelled).
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check
  check (kind in ('credit-change', 'wallet-status', 'case-update', 'appointment-update', 'payment-update', 'coach-update',
    'flight-update'));
