import type { Messages } from './zh';

/** Mediation and arbitration, legal services and the gas/power information pages (English); same keys as legal.zh.ts. */
export const legalEn: Messages['legal'] = {
  guide: {
    title: 'Mediation and arbitration process guide',
    intro:
      'Workers or employers who need mediation or arbitration to protect their lawful rights can use the "Mediation & arbitration" services.',
    process: 'The process',
    notices: 'Before you apply',
    open: 'Apply',
    calculator: 'Open the overtime pay calculator',
    source:
      'Summarised from the Labour Dispute Mediation and Arbitration Law; the local arbitration commission’s rules prevail.',
  },
  consult: {
    title: 'Marriage and family consultation',
    intro: 'Answer a few questions to learn what the law says about your marriage or family matter.',
    basis: 'Legal basis',
    next: 'You can also',
    restart: 'Start again',
    back: 'Previous question',
    urgent: 'In an emergency, call the police on 110 now',
    disclaimer:
      'This is general legal information, not advice on your case; tap "Consult now" to ask a lawyer online free of charge.',
  },
  gasOutage: {
    title: 'Gas outages',
    district: 'District',
    allDistricts: 'All',
    empty: 'No gas interruptions planned',
    area: 'Area',
    reason: 'Reason',
    time: 'When',
  },
  gasPrice: {
    title: 'Gas prices',
    intro: 'Tiered prices of piped natural gas for Guangzhou Gas households',
    tier: 'Tier {{tier}}',
    range: 'Use',
    upTo: '{{from}}–{{to}} {{unit}}',
    above: 'Over {{from}} {{unit}}',
    price: 'Price (yuan/{{unit}})',
    perYear: 'Tiers count the use of the calendar year',
    perMonth: 'Tiers count the use of the month',
    hotline: 'Hotline: {{hotline}}',
    readingLink: 'Report your meter reading',
  },
  powerNotice: {
    title: 'Power outage notices',
    empty: 'You have no China Southern Power Grid account; bind one to get outage notices.',
    bind: 'Bind an electricity account',
    none: 'No outages planned in this account’s area',
    account: 'Account {{account}} · {{district}}',
    area: 'Area',
    reason: 'Reason',
    time: 'When',
  },
};
