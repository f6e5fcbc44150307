import type { CreditSubjectSummary } from '@yss/contracts';

/** antd-mobile Tag colours for an entity's 登记状态. */
export const STATUS_COLOR: Record<CreditSubjectSummary['status'], 'success' | 'default' | 'danger'> = {
  存续: 'success',
  注销: 'default',
  吊销: 'danger',
};

/** Fired on window when messages were read, so the 消息 tab's badge counts again. */
export const INBOX_CHANGED = 'yss:inbox-changed';

export function announceInboxChanged() {
  window.dispatchEvent(new Event(INBOX_CHANGED));
}
