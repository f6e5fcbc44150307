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
  queued:
    'The offline check is kept on this device and will be uploaded and recorded once online (the server verifies it again).',
  pending: '{{n}} offline check(s) waiting to be recorded; they are uploaded once online.',
  uploading: 'Uploading {{n}} offline check(s)…',
  uploaded: '{{n}} offline check(s) recorded.',
  refused: 'One offline check could not be recorded: {{reason}}',
  droppedExpired: '{{n}} offline check(s) not uploaded within {{hours}} hours were deleted, as the rules require.',
  droppedUnreadable:
    '{{n}} offline check(s) could not be read on this device (encryption key lost or record damaged) and were deleted; check again to record them.',
  offlineSession:
    'No network: verifying offline for the organisation saved on this device; the login is confirmed once online.',
  ageNow: 'just now',
  ageMinutes: '{{n}} min ago',
  ageHours: '{{n}} h ago',
  ageDays: '{{n}} days ago',
};
