import { describe, expect, it } from 'vitest';
import { decide, shouldAnnounce } from './decide.js';
import { electronicName, statusMessage } from './messages.js';

describe('wallet sync decisions', () => {
  it('acts on changes of the department’s record only', () => {
    expect(decide(null, 'in-force')).toBeNull();
    expect(decide('in-force', 'in-force')).toBeNull();
    expect(decide(null, 'suspended')).toBe('suspend');
    expect(decide('in-force', 'suspended')).toBe('suspend');
    expect(decide('suspended', 'suspended')).toBeNull();
    expect(decide('suspended', 'in-force')).toBe('reinstate');
    expect(decide('in-force', 'ended')).toBe('revoke');
    expect(decide('suspended', 'ended')).toBe('revoke');
    expect(decide(null, 'ended')).toBe('revoke');
    // nothing comes back after an end
    expect(decide('ended', 'in-force')).toBeNull();
    expect(decide('ended', 'ended')).toBeNull();
  });

  it('announces a change made, or repeated after a crash, never a state found at the first read', () => {
    expect(shouldAnnounce('suspend', { before: 'valid', after: 'suspended', previous: 'in-force' })).toBe(true);
    // linked while 暂扣: the first read finds it suspended already
    expect(shouldAnnounce('suspend', { before: 'suspended', after: 'suspended', previous: null })).toBe(false);
    // a round repeated after the change but before the link was marked: the message's key keeps it to one
    expect(shouldAnnounce('suspend', { before: 'suspended', after: 'suspended', previous: 'in-force' })).toBe(true);
    // a revoked certificate stays revoked: no "suspended" or "reinstated" message for it
    expect(shouldAnnounce('suspend', { before: 'revoked', after: 'revoked', previous: 'in-force' })).toBe(false);
    expect(shouldAnnounce('reinstate', { before: 'revoked', after: 'revoked', previous: 'suspended' })).toBe(false);
    expect(shouldAnnounce('revoke', { before: 'valid', after: undefined, previous: 'in-force' })).toBe(false);
  });

  it('words the message in the guide’s tone, keyed once per change', () => {
    expect(electronicName('marriage-certificate')).toBe('电子结婚证');
    expect(electronicName('resident-id')).toBe('居民身份电子凭证');
    expect(electronicName('housing-fund')).toBe('公积金电子证照');
    const m = statusMessage({
      accountId: 'a',
      linkId: 'l',
      type: 'marriage-certificate',
      action: 'revoke',
      reason: '婚姻登记状态变更',
      change: 3,
      at: new Date(0),
    });
    expect(m).toMatchObject({ kind: 'wallet-status', dedupeKey: 'wallet-status:l:3', link: '/wallet/l' });
    expect(m.body.startsWith('您的电子结婚证已被签发机构注销（婚姻登记状态变更）。')).toBe(true);
    expect(m.body).toContain('广东省民政厅');
  });
});
