import { describe, expect, it } from 'vitest';
import { agentTitle, onBehalfCopies, principalBody } from './on-behalf.js';

const words = {
  own: (accountId: string) => `own:${accountId}`,
  agent: (accountId: string, principal: string) => `agent:${accountId}:${principal}`,
  principal: (accountId: string, agent: string) => `principal:${accountId}:${agent}`,
};
const forOther = {
  account_id: 'acc-agent',
  principal_person_id: 'person-father',
  applicant_name_masked: '张**',
  agent_name_masked: '张*',
};

describe('onBehalfCopies', () => {
  it("one's own record: one copy in one's own words, whatever principal account is passed", () => {
    const own = { ...forOther, principal_person_id: null, agent_name_masked: null };
    expect(onBehalfCopies(own, null, words)).toEqual(['own:acc-agent']);
    expect(onBehalfCopies(own, 'acc-other', words)).toEqual(['own:acc-agent']);
  });

  it('made for someone else: the agent named with the principal, the principal (with an account) with the agent', () => {
    expect(onBehalfCopies(forOther, 'acc-father', words)).toEqual(['agent:acc-agent:张**', 'principal:acc-father:张*']);
  });

  it('a principal without an account, or with the agent’s own account, gets no second copy', () => {
    expect(onBehalfCopies(forOther, null, words)).toEqual(['agent:acc-agent:张**']);
    expect(onBehalfCopies(forOther, 'acc-agent', words)).toEqual(['agent:acc-agent:张**']);
  });

  it('the shared wording: 代办： before the title, 由…代办 after the body, within the 消息 limits', () => {
    expect(agentTitle('预约提醒')).toBe('代办：预约提醒');
    expect(principalBody('您的申请已受理。', '张*')).toBe('您的申请已受理。（由张*代办）');
    expect(agentTitle('字'.repeat(200))).toHaveLength(100);
    expect(principalBody('字'.repeat(2000), '张*')).toHaveLength(1000);
  });
});
