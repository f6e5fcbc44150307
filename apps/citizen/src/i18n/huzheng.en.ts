import type { Messages } from './zh';

/** 户政 / 积分服务 pages (en): the same keys as huzheng.zh.ts. */
export const huzhengEn: Messages['huzheng'] = {
  points: {
    title: 'Points enquiry',
    intro:
      'The points service scores non-local residents holding a valid Guangdong Residence Permit issued in the city, by their circumstances and actual contribution.',
    cityNote: 'The points service is currently available in Guangzhou only.',
    failed: 'Your points could not be looked up',
    empty: 'No points record found',
    emptyDesc: 'If you hold a valid Guangdong Residence Permit issued in this city, start with a points application.',
    apply: 'Apply for points',
    total: 'Approved points',
    claimed: 'Points claimed',
    pointsValue: '{{points}} points',
    year: 'Year',
    number: 'Record number',
    appliedOn: 'Applied on',
    approvedOn: 'Approved on',
    items: 'Breakdown',
    settlement: 'Household registration by points',
    reached: 'Your approved points reach {{minimum}}: you may apply for household registration by points.',
    notReached: 'Household registration by points needs {{minimum}} approved points.',
    settle: 'Apply for household registration by points',
  },
};
