import type { CertificateStatus } from '../wallet/status-lists.js';

export type Standing = 'in-force' | 'suspended' | 'ended';
export type SyncAction = 'revoke' | 'suspend' | 'reinstate';

/** The certificate status each action leads to. */
export const TARGET: Record<SyncAction, CertificateStatus> = {
  revoke: 'revoked',
  suspend: 'suspended',
  reinstate: 'valid',
};

/**
 * What a change of the department's record asks of the certificate. Edge-triggered: only a record that reads
 * differently from the last read acts, so a staff member's own 暂停使用 in the console is not lifted while the
 * department's record stays in force, and a certificate linked while suspended is not announced as newly
 * suspended. `previous` null: the first read since linking (the link itself read the department, so only a
 * record that is not in force can differ from what was issued).
 *
 * - ended (注销, 吊销, 作废, 过期, 转移, gone) → revoke (final);
 * - suspended (暂扣, 挂失, 待签注) → suspend;
 * - in force again after a suspension the synchroniser saw → reinstate. After `ended` nothing comes back: a
 *   revoked certificate stays revoked (the citizen links the new document).
 */
export function decide(previous: Standing | null, now: Standing): SyncAction | null {
  if (previous === now) return null;
  if (now === 'ended') return 'revoke';
  if (now === 'suspended') return 'suspend';
  return previous === 'suspended' ? 'reinstate' : null;
}

/**
 * Whether the citizen hears of it: the certificate reads what the department asked, and either this round
 * changed it, or the department had been read before (a round repeated after a crash between the change and
 * the message: the message's dedupe key keeps it to one). A first read that finds the certificate already so
 * (a licence linked while 暂扣) is no news.
 */
export function shouldAnnounce(
  action: SyncAction,
  v: { before: CertificateStatus; after: CertificateStatus | undefined; previous: Standing | null },
): boolean {
  if (v.after !== TARGET[action]) return false;
  return v.before !== v.after || v.previous !== null;
}
