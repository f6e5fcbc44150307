// The component tests' last word in each file: let React finish before the file's window goes away.
//
// React schedules the passive effects of a commit on the scheduler (setImmediate under Node), and that callback
// reads `window.event`. A commit made in a file's last moments — antd-mobile's imperative Toast or Dialog closing in
// a root of its own, a fetch answered after the last assertion — leaves such a callback behind; when it runs after
// vitest has removed the happy-dom window, it throws "window is not defined", an unhandled error that fails the
// whole run though every test passed (seen once in CI, from flights.test.tsx). So each file ends by closing those
// imperative UIs and draining the scheduler while the window still exists.
//
// The closing happens inside act(): outside it React warned "An update to … was not wrapped in act(…)" from the
// afterAll, and a console line still on its way to vitest when the worker closed failed a run the same way
// (EnvironmentTeardownError: Closing rpc while "onUserConsoleLog" was pending, from flights.test.tsx).
import Dialog from 'antd-mobile/es/components/dialog';
import Toast from 'antd-mobile/es/components/toast';
import { act } from 'react';
import { afterAll } from 'vitest';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

afterAll(async () => {
  await act(async () => {
    Toast.clear();
    Dialog.clear();
    // the close animations and their unmounts
    await new Promise((resolve) => setTimeout(resolve, 100));
  });
  // then whatever they scheduled
  for (let i = 0; i < 3; i++) await tick();
});
