/** Applying or booking for someone else, and "may I?" before the form. Merged into en.ts as `forOthers`. */
export const forOthersEn = {
  pickerTitle: 'Applying for',
  pickerHint: 'You may apply for family members who authorised you for this service; their verified identity is used.',
  self: 'Myself ({{name}})',
  other: '{{name}} ({{relation}})',
  otherNoRelation: '{{name}}',
  manage: 'Family and authorisations',
  applicantOther: 'The applicant is the person you act for; their registered identity is filled in automatically',
  applicantOtherBook: 'The appointment is for the person you act for; remind them to go in person, on time.',
  checking: 'Checking eligibility…',
  refusedTitle: 'Not eligible to apply yet',
  refusedTitleBook: 'Not eligible to book yet',
  refusedOther: 'For {{name}}: ',
  back: 'Back to the service',
  tryOther: 'You may choose someone else, or go back to the service page to read the conditions.',
} as const;
