import type { Messages } from './zh';

/** Offline verification on the verifier page (en); same keys as verifier-offline.zh.ts. */
export const verifierOfflineEn: Messages['verifierOffline'] = {
  badge: 'Offline check',
  ready:
    'Offline checks ready: this device keeps the public keys of {{issuers}} issuers and {{lists}} certificate status lists, status updated {{time}} ({{age}}). Without a network, codes are verified on this device.',
  readyNoLists: 'Offline checks ready: this device keeps the public keys of {{issuers}} issuers; no status lists yet.',
  notReady:
    'No offline verification data on this device yet: without a network nothing can be verified. Open this page while online.',
  refreshing: 'Updating offline verification data…',
  offlineNow: 'No network: scanned codes are verified on this device.',
  noData: 'No network, and no offline verification data on this device: cannot verify. Please reconnect and try again.',
  keysAge: 'Issuer keys updated {{time}} ({{age}})',
  statusAge: 'Status updated {{time}} ({{age}}), usable until {{until}}',
  statusNone: 'No usable status information for this certificate on this device',
  replay:
    'An offline check cannot detect a code being reused (e.g. a forwarded screenshot): check the holder in person.',
  notRecorded: 'Offline checks are not recorded: scan again once online to record the check-in.',
  ageNow: 'just now',
  ageMinutes: '{{n}} min ago',
  ageHours: '{{n}} h ago',
  ageDays: '{{n}} days ago',
};
