import type { Messages } from './zh';

/** Transport pages: one-tap car moving request (G6) and one-tap police call (D5) (English); same keys as transport.zh.ts. */
export const transportEn: Messages['transport'] = {
  moveCar: {
    title: 'Car moving request',
    intro:
      "If a badly parked car blocks an entrance or your way, or a car's doors or windows are left open, fill in the plate, your phone and where the car is: the owner receives a polite reminder by SMS.",
    plate: 'Plate number',
    platePlaceholder: 'Province character + letter + number, e.g. Yue A12345',
    contactPhone: 'Your phone number',
    contactPhoneHelp: 'Sent to the owner with the reminder, so that they can call you.',
    place: 'Where the car is',
    placePlaceholder: 'e.g. B2, underground car park, 191 Tiyu West Road',
    reason: 'Reason',
    submit: 'Request car move',
    limits:
      "So as not to harass owners: one reminder per car in 10 minutes and 3 a day; 5 reminders per person a day. The owner's phone number is never shown to you.",
    sentTitle: 'Reminder sent',
    sentDetail: 'The owner of {{plate}} has been sent a reminder by SMS. Please wait for them.',
    remaining: '{{count}} more today',
    another: 'Request another',
    history: 'My reminders',
    historyEmpty: 'No reminders yet',
    sentAt: 'Sent',
    urgent: 'In an emergency, call the police on 110.',
    required: {
      plate: 'Enter the plate number of the car to be moved',
      contactPhone: 'Enter your phone number',
      place: 'Enter where the car is',
      reason: 'Choose a reason',
    },
  },
  police: {
    title: 'Call the police',
    intro:
      'In an emergency on the road, call the police on 110 at once. The app cannot place the call itself: the button below opens your phone’s dialler.',
    call: 'Call 110',
    callLabel: 'Call 110, the police',
    trafficAccident: 'Traffic accidents: 122; fire: 119; ambulance: 120.',
    guideTitle: 'When you call, say',
    guide: {
      what: 'What happened, and whether anyone is hurt;',
      where:
        'Where: the road, junction, street number or a landmark; on an expressway the direction and the kilometre marker;',
      who: 'Who and which vehicles: how many people, what they look like, plates, colours, models and where they went;',
      you: 'Your name and phone number; keep your phone on after the call.',
    },
    safetyTitle: 'Stay safe',
    safety: {
      first: 'Get yourself safe first, then call for help;',
      expressway:
        'After a breakdown or accident on an expressway, turn on the hazard lights, put the warning triangle behind the car and get behind the barrier;',
      falseReports: 'Do not call 110 for enquiries or with false reports: a false report is an offence.',
    },
    other: 'Other emergency numbers',
    call122: 'Call 122 (traffic accident)',
    call120: 'Call 120 (ambulance)',
    call119: 'Call 119 (fire)',
  },
};
