/**
 * Content of two information pages, as data shared by the app and the tests:
 * - 进入问诊 (G3, falv-jinru-wenzhen): a small question tree about marriage and family (婚姻家庭) leading to an
 *   answer with its legal basis and, where fitting, to 立即咨询, 法律援助申请, 聘请律师 or 办公证;
 * - 调解仲裁办理流程及办事须知 (F6, tiaojie-zhongcai-banshi-xuzhi): the process and the notices.
 * The answers restate the 民法典, the 反家庭暴力法 and the 劳动争议调解仲裁法; they are general information, not
 * advice on a particular case (the pages say so and offer 立即咨询).
 */

export interface ConsultOption {
  readonly label: string;
  readonly labelEn: string;
  readonly next: string;
}

export interface ConsultNode {
  readonly id: string;
  /** A question with its options, or an answer (then `answer` and `basis`). */
  readonly question?: string;
  readonly questionEn?: string;
  readonly options?: readonly ConsultOption[];
  readonly answer?: readonly string[];
  readonly answerEn?: readonly string[];
  /** The law the answer rests on. */
  readonly basis?: string;
  readonly basisEn?: string;
  /** Services to go on with (catalog ids), best first. */
  readonly actions?: readonly string[];
  /** An answer where someone may be in danger: the page shows 110 first. */
  readonly urgent?: boolean;
}

export const LEGAL_CONSULT_ROOT = 'root';

const nodes: readonly ConsultNode[] = [
  {
    id: 'root',
    question: '您想咨询哪方面的婚姻家庭问题？',
    questionEn: 'What is your marriage or family question about?',
    options: [
      { label: '离婚', labelEn: 'Divorce', next: 'divorce' },
      { label: '子女抚养', labelEn: 'Children', next: 'children' },
      { label: '夫妻财产', labelEn: 'Marital property', next: 'property' },
      { label: '家庭暴力', labelEn: 'Domestic violence', next: 'violence' },
      { label: '继承', labelEn: 'Inheritance', next: 'inheritance' },
    ],
  },
  {
    id: 'divorce',
    question: '双方是否都同意离婚，并对子女抚养和财产分割达成一致？',
    questionEn: 'Do both of you agree to divorce, and on the children and the property?',
    options: [
      { label: '都同意，已协商一致', labelEn: 'Yes, we agree on everything', next: 'divorce-agreed' },
      { label: '对方不同意或谈不拢', labelEn: 'No, or we cannot agree', next: 'divorce-court' },
    ],
  },
  {
    id: 'divorce-agreed',
    answer: [
      '夫妻双方自愿离婚的，应当签订书面离婚协议，并亲自到婚姻登记机关申请离婚登记。',
      '自婚姻登记机关收到离婚登记申请之日起三十日内（离婚冷静期），任何一方不愿意离婚的，可以向婚姻登记机关撤回申请。',
      '冷静期届满后三十日内，双方应当亲自到婚姻登记机关申请发给离婚证；未申请的，视为撤回离婚登记申请。',
    ],
    answerEn: [
      'Spouses who both wish to divorce sign a written divorce agreement and apply in person at the marriage registry.',
      'Within 30 days of the application (the cooling-off period) either spouse may withdraw it.',
      'Within 30 days after that period both must go in person to ask for the divorce certificate; otherwise the application counts as withdrawn.',
    ],
    basis: '《中华人民共和国民法典》第一千零七十六条、第一千零七十七条',
    basisEn: 'Civil Code of the PRC, Articles 1076 and 1077',
    actions: ['falv-liji-zixun'],
  },
  {
    id: 'divorce-court',
    answer: [
      '一方要求离婚的，可以由有关组织进行调解或者直接向人民法院提起离婚诉讼。人民法院审理离婚案件，应当进行调解；如果感情确已破裂，调解无效的，应当准予离婚。',
      '有下列情形之一，调解无效的，应当准予离婚：重婚或者与他人同居；实施家庭暴力或者虐待、遗弃家庭成员；有赌博、吸毒等恶习屡教不改；因感情不和分居满二年；其他导致夫妻感情破裂的情形。',
      '经济困难请不起律师的，可以申请法律援助。',
    ],
    answerEn: [
      'A spouse who wants a divorce may seek mediation or sue for divorce in the people’s court. The court mediates first and grants the divorce if the relationship has truly broken down and mediation fails.',
      'The court grants it when mediation fails and there is bigamy or cohabitation with another person, domestic violence, abuse or abandonment, incorrigible gambling or drug use, two years’ separation because of discord, or another cause of breakdown.',
      'If you cannot afford a lawyer you may apply for legal aid.',
    ],
    basis: '《中华人民共和国民法典》第一千零七十九条',
    basisEn: 'Civil Code of the PRC, Article 1079',
    actions: ['pinqing-lvshi', 'falv-yuanzhu-shenqing', 'falv-liji-zixun'],
  },
  {
    id: 'children',
    question: '您想了解子女抚养的哪方面？',
    questionEn: 'What about the children?',
    options: [
      { label: '离婚后孩子归谁抚养', labelEn: 'Who the children live with', next: 'custody' },
      { label: '抚养费', labelEn: 'Child support', next: 'support' },
    ],
  },
  {
    id: 'custody',
    answer: [
      '离婚后，不满两周岁的子女，以由母亲直接抚养为原则。',
      '已满两周岁的子女，父母双方对抚养问题协议不成的，由人民法院根据双方的具体情况，按照最有利于未成年子女的原则判决。',
      '子女已满八周岁的，应当尊重其真实意愿。',
    ],
    answerEn: [
      'After a divorce, a child under two lives with the mother as a rule.',
      'For a child of two or more, if the parents cannot agree, the court decides in the child’s best interests.',
      'A child of eight or more is heard and their wishes respected.',
    ],
    basis: '《中华人民共和国民法典》第一千零八十四条',
    basisEn: 'Civil Code of the PRC, Article 1084',
    actions: ['falv-liji-zixun'],
  },
  {
    id: 'support',
    answer: [
      '离婚后，子女由一方直接抚养的，另一方应当负担部分或者全部抚养费。负担费用的多少和期限的长短，由双方协议；协议不成的，由人民法院判决。',
      '上述协议或者判决，不妨碍子女在必要时向父母任何一方提出超过协议或者判决原定数额的合理要求。',
    ],
    answerEn: [
      'After a divorce, the parent the child does not live with pays part or all of the child support; the amount and duration are agreed, or decided by the court.',
      'The child may still ask either parent for more when necessary.',
    ],
    basis: '《中华人民共和国民法典》第一千零八十五条',
    basisEn: 'Civil Code of the PRC, Article 1085',
    actions: ['falv-liji-zixun', 'falv-yuanzhu-shenqing'],
  },
  {
    id: 'property',
    answer: [
      '夫妻在婚姻关系存续期间所得的工资、奖金、劳务报酬，生产、经营、投资的收益，知识产权的收益，继承或者受赠的财产（遗嘱或者赠与合同中确定只归一方的除外）等，为夫妻的共同财产，归夫妻共同所有。',
      '一方的婚前财产、一方因受到人身损害获得的赔偿或者补偿、遗嘱或者赠与合同中确定只归一方的财产、一方专用的生活用品，为夫妻一方的个人财产。',
      '夫妻可以书面约定婚姻关系存续期间所得的财产以及婚前财产的归属。',
    ],
    answerEn: [
      'Wages, bonuses, business and investment income, intellectual-property income and inherited or gifted property received during the marriage (unless the will or gift names one spouse) are jointly owned.',
      'Property from before the marriage, compensation for personal injury, property a will or gift gives to one spouse only and personal items belong to that spouse.',
      'Spouses may agree in writing how their property is owned.',
    ],
    basis: '《中华人民共和国民法典》第一千零六十二条、第一千零六十三条、第一千零六十五条',
    basisEn: 'Civil Code of the PRC, Articles 1062, 1063 and 1065',
    actions: ['falv-liji-zixun', 'ban-gongzheng'],
  },
  {
    id: 'violence',
    urgent: true,
    answer: [
      '遭受家庭暴力或者面临家庭暴力的现实危险，请立即拨打110报警。',
      '当事人可以向人民法院申请人身安全保护令。人民法院应当在受理申请后七十二小时内作出是否发出人身安全保护令的裁定；情况紧急的，应当在二十四小时内作出。',
      '家庭暴力是法定的准予离婚情形之一；经济困难的，可以申请法律援助。',
    ],
    answerEn: [
      'If you suffer or are in real danger of domestic violence, call the police on 110 now.',
      'You may ask the people’s court for a personal safety protection order; the court decides within 72 hours, or within 24 hours in an emergency.',
      'Domestic violence is a legal ground for divorce; if you cannot afford a lawyer, apply for legal aid.',
    ],
    basis: '《中华人民共和国反家庭暴力法》第二十三条、第二十八条；《中华人民共和国民法典》第一千零七十九条',
    basisEn: 'Anti-Domestic Violence Law, Articles 23 and 28; Civil Code, Article 1079',
    actions: ['falv-yuanzhu-shenqing', 'falv-liji-zixun'],
  },
  {
    id: 'inheritance',
    answer: [
      '继承开始后，按照法定继承办理；有遗嘱的，按照遗嘱继承或者遗赠办理。',
      '法定继承的第一顺序为配偶、子女、父母；第二顺序为兄弟姐妹、祖父母、外祖父母。继承开始后，由第一顺序继承人继承，第二顺序继承人不继承；没有第一顺序继承人继承的，由第二顺序继承人继承。',
      '办理房产过户、银行存款支取等，常需要继承公证，可通过“办公证”申请。',
    ],
    answerEn: [
      'An estate passes by will where there is one, otherwise by statutory succession.',
      'First in line are the spouse, children and parents; second are siblings and grandparents, who inherit only when there is no one in the first line.',
      'Transferring a home or withdrawing deposits often needs an inheritance notarization: apply under Notarization.',
    ],
    basis: '《中华人民共和国民法典》第一千一百二十三条、第一千一百二十七条',
    basisEn: 'Civil Code of the PRC, Articles 1123 and 1127',
    actions: ['ban-gongzheng', 'falv-liji-zixun'],
  },
];

/** The tree by node id (an option's `next` is always a node of the tree: checked by a test). */
export const LEGAL_CONSULT_TREE: Readonly<Record<string, ConsultNode>> = Object.freeze(
  Object.fromEntries(nodes.map((n) => [n.id, n])),
);

export interface GuideItem {
  readonly title: string;
  readonly titleEn: string;
  readonly body: string;
  readonly bodyEn: string;
  /** A service the step opens (catalog id). */
  readonly serviceId?: string;
}

/** 调解仲裁办理流程 (steps) and 办事须知 (notices). */
export const LABOUR_DISPUTE_GUIDE: { readonly process: readonly GuideItem[]; readonly notices: readonly GuideItem[] } =
  {
    process: [
      {
        title: '协商',
        titleEn: 'Negotiation',
        body: '发生劳动争议，劳动者可以与用人单位协商，也可以请工会或者第三方共同与用人单位协商，达成和解协议。',
        bodyEn:
          'The worker may negotiate with the employer, alone or with the union or a third party, and reach a settlement.',
      },
      {
        title: '申请调解',
        titleEn: 'Mediation',
        body: '不愿协商、协商不成或者达成和解协议后不履行的，可以向调解组织申请调解。点击“申请调解”，1-9人可个人申请，10人以上可集体申请。',
        bodyEn:
          'If negotiation is not wanted, fails or the settlement is not honoured, apply to a mediation organisation: 1–9 people individually, 10 or more collectively.',
        serviceId: 'shenqing-tiaojie',
      },
      {
        title: '仲裁审查确认',
        titleEn: 'Review and confirmation',
        body: '经调解达成调解协议的，双方当事人可以自调解协议生效之日起15日内，共同申请仲裁审查确认。',
        bodyEn:
          'A mediation agreement may be jointly submitted for review and confirmation within 15 days of taking effect.',
        serviceId: 'zhongcai-shencha-queren',
      },
      {
        title: '申请仲裁',
        titleEn: 'Arbitration',
        body: '不愿调解、调解不成或者达成调解协议后不履行的，可以向劳动人事争议仲裁委员会申请仲裁。仲裁庭应当自受理仲裁申请之日起45日内结束；案情复杂需要延期的，延长期限不得超过15日。',
        bodyEn:
          'If mediation is not wanted, fails or the agreement is not honoured, apply for arbitration. The tribunal concludes within 45 days of accepting the case, extendable by 15 days for complex cases.',
        serviceId: 'shenqing-zhongcai',
      },
      {
        title: '诉讼',
        titleEn: 'Court',
        body: '对仲裁裁决不服的，除法律规定的终局裁决外，可以自收到仲裁裁决书之日起15日内向人民法院提起诉讼。',
        bodyEn:
          'Except for final awards, a party who disagrees with the award may sue in the people’s court within 15 days of receiving it.',
      },
    ],
    notices: [
      {
        title: '仲裁时效',
        titleEn: 'Time limit',
        body: '劳动争议申请仲裁的时效期间为一年，从当事人知道或者应当知道其权利被侵害之日起计算。拖欠劳动报酬的，劳动关系存续期间不受一年时效限制；劳动关系终止的，应当自终止之日起一年内提出。',
        bodyEn:
          'Arbitration must be requested within one year of knowing or when one should have known of the infringement; for unpaid wages the limit does not run while employment lasts, and is one year from its end.',
      },
      {
        title: '管辖',
        titleEn: 'Where to apply',
        body: '劳动争议由劳动合同履行地或者用人单位所在地的劳动人事争议仲裁委员会管辖；请在“粤省事”切换到相应城市后申请。',
        bodyEn:
          'The commission where the contract is performed or where the employer is located handles the dispute; switch to that city before applying.',
      },
      {
        title: '费用',
        titleEn: 'Fees',
        body: '劳动人事争议仲裁不收费，仲裁委员会的经费由财政予以保障。',
        bodyEn: 'Labour and personnel dispute arbitration is free of charge.',
      },
      {
        title: '证据',
        titleEn: 'Evidence',
        body: '请准备劳动合同、工资条、考勤记录、银行流水、社保缴费记录、解除劳动关系通知等证据材料，并在申请时上传照片或扫描件。',
        bodyEn:
          'Prepare the labour contract, pay slips, attendance records, bank statements, social-insurance records and any dismissal notice, and upload photos or scans when you apply.',
      },
      {
        title: '加班工资计算',
        titleEn: 'Overtime pay',
        body: '涉及加班工资的，可先用“加班工资计算器”估算应得金额，再填写申请金额。',
        bodyEn:
          'For overtime pay, estimate what you are owed with the overtime pay calculator before filling in the amount.',
        serviceId: 'jiaban-gongzi-jisuanqi',
      },
    ],
  };
