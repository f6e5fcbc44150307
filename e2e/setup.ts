import { beforeEach } from 'vitest';
import { networkReport } from './network-log.js';

// A failed journey says what its browsers were waiting for (e2e/network-log.ts).
beforeEach(({ onTestFailed, task }) => {
  onTestFailed(() => {
    console.error(`[${task.name}] the browsers' requests at the failure:\n${networkReport()}`);
  });
});
