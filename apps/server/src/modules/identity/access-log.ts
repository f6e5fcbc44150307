import type { AccessLogEntry } from '@yss/contracts';
import type { AuditRecord } from '../audit/index.js';

/** What each audited action means to the citizen (我的访问记录). Unknown actions show their id. */
const LABELS: Record<string, string> = {
  'auth.login.sms': '短信验证码登录',
  'auth.login.pin': '支付密码登录',
  'auth.login.passkey': '刷脸登录',
  'auth.logout': '退出登录',
  'auth.pin': '密码验证失败',
  'auth.verify.pin': '密码验证',
  'auth.verify.passkey': '刷脸验证',
  'auth.verify.sms': '短信验证',
  'access.denied.verification': '未验证身份，拒绝查看个人信息',
  'identity.real-name.bind': '实名认证',
  'identity.pin.set': '设置密码',
  'identity.default-method.set': '修改默认登录方式',
  'identity.passkey.register': '添加刷脸登录',
  'identity.passkey.rename': '修改刷脸登录名称',
  'identity.passkey.remove': '删除刷脸登录',
  'identity.reveal': '查看完整个人信息',
  'identity.access-log.read': '查看访问记录',
  'delegation.add': '添加家庭成员（申请代办授权）',
  'delegation.consent': '同意代办授权',
  'delegation.decline': '拒绝代办授权',
  'delegation.revoke': '解除代办授权',
  'delegation.act': '代办被拒绝（授权无效）',
  'delegation.subject.read': '代办人查看基本信息',
  'credit.subscribe': '订阅信用信息',
  'credit.unsubscribe': '取消订阅信用信息',
  'wallet.link': '关联电子证照',
  'wallet.refresh': '更新电子证照',
  'wallet.reveal': '查看证照完整信息',
  'wallet.unlink': '解除关联电子证照',
  'wallet.status.sync': '签发机构变更电子证照状态',
  'case.attachment.upload': '上传申请材料',
  'case.attachment.read': '查看申请材料',
  'case.read': '查看办件',
  'case.form.reveal': '查看办件中完整的手机号码或身份证号码',
  'case.note.reveal': '查看办理记录说明中完整的手机号码或身份证号码',
  'case.withdraw': '撤回办件申请',
  'case.supplement': '补正办件材料',
  'console.case.read': '工作人员查看办件',
  'console.case.attachment': '工作人员查看申请材料',
  'console.case.form.reveal': '工作人员查看办件中完整的手机号码或身份证号码',
  'console.case.note.reveal': '工作人员查看办理记录说明中完整的手机号码或身份证号码',
  'console.case.action': '工作人员办理办件',
  'console.case.assign': '工作人员分派办件',
  'console.case.note': '工作人员添加办件内部备注',
  'appointment.book': '预约办理',
  'appointment.cancel': '取消预约',
  'appointment.reschedule': '预约改约',
  'console.appointment.check-in': '窗口预约签到',
  'console.appointment.visit': '工作人员查看上门地址和联系电话',
  'coach.order.create': '购买长途车票',
  'coach.orders.read': '查看长途车订单',
  'coach.order.read': '查看长途车订单',
  'coach.order.cancel': '取消长途车订单',
  'coach.ticket.refund': '长途车退票',
  'coach.ticket.qr': '出示电子车票',
  'coach.station.scan': '客运站扫码验票',
  'coach.station.check': '客运站验票',
  'coach.station.board': '客运站检票上车',
  'utility-payment.amount-due': '查询应缴金额',
  'endorsement.options': '查询可办理的签注',
  'endorsement.apply': '申请签注',
  'payment.create': '创建支付订单',
  'payment.start': '发起支付',
  'payment.close': '取消支付订单',
  'payment.expire': '支付订单超时关闭',
  'payment.paid': '支付成功',
  'payment.fulfilment': '缴费办理结果',
  'payment.refund': '退款',
};

export function presentAccessLog(records: AuditRecord[], selfAccountId?: string): AccessLogEntry[] {
  return records.map((r) => ({
    at: r.at.toISOString(),
    action: r.action,
    actionLabel:
      LABELS[r.action] ??
      (r.action.startsWith('lookup.') ? '查询个人信息' : r.action.startsWith('application.') ? '办理业务' : r.action),
    actor:
      r.actorAccountId !== null &&
      r.actorAccountId === (selfAccountId ?? r.subjectAccountId) &&
      r.actorKind === 'citizen'
        ? '本人'
        : r.action.startsWith('delegation.') && r.actorKind === 'citizen'
          ? '代办人（家人）'
          : actorLabel(r.actorKind),
    result: r.result,
    detail: typeof r.detail.what === 'string' ? r.detail.what : null,
  }));
}

function actorLabel(kind: string): string {
  switch (kind) {
    case 'agent':
      return '代办人';
    case 'staff':
      return '工作人员';
    case 'system':
      return '系统';
    default:
      return '未登录用户';
  }
}
