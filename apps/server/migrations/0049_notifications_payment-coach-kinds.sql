-- 消息 kinds for payments (缴费成功通知, refunds) and coach tickets (issued, refunded), written once here so that the
-- payments and coach migrations that follow do not each redefine the same constraint.
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check
  check (kind in ('credit-change', 'wallet-status', 'case-update', 'appointment-update', 'payment-update', 'coach-update'));
