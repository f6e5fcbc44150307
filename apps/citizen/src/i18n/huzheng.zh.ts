/** 户政 / 积分服务 pages (zh). Merged into zh.ts as `huzheng`; huzheng.en.ts has the same keys. */
export const huzhengZh = {
  points: {
    title: '积分查询',
    intro:
      '积分服务，是指通过设置积分指标体系，对持有在本市办理且有效期内《广东省居住证》的外来人员，根据其个人情况及实际贡献进行积分管理。',
    cityNote: '积分服务目前暂仅支持广州。',
    failed: '暂时无法查询积分',
    empty: '未查询到您的积分记录',
    emptyDesc: '持有在本市办理且有效期内《广东省居住证》的，可先办理积分申请。',
    apply: '去办理积分申请',
    total: '核准分值',
    claimed: '申报分值',
    pointsValue: '{{points}} 分',
    year: '积分年度',
    number: '积分编号',
    appliedOn: '申请日期',
    approvedOn: '核准日期',
    items: '积分明细',
    settlement: '积分入户',
    reached: '核准分值已达到{{minimum}}分，可申请积分入户。',
    notReached: '积分入户核准分值须达到{{minimum}}分。',
    settle: '去办理积分入户',
  },
};
