// The DOM that antd expects of a browser and jsdom does not have, and Testing Library's DOM queries wired to
// React's act() as its React binding does (that binding is not used: it would load the root's React 18).
import { configure } from '@testing-library/dom';
import { act } from 'react';

const actEnvironment = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
actEnvironment.IS_REACT_ACT_ENVIRONMENT = true;

configure({
  // events run inside act(): React's updates are flushed before the test goes on
  eventWrapper: (cb) => {
    let result: unknown;
    act(() => {
      result = cb();
    });
    return result;
  },
  // while waiting (findBy…, waitFor), React renders as in a browser, without act()
  asyncWrapper: async (cb) => {
    actEnvironment.IS_REACT_ACT_ENVIRONMENT = false;
    try {
      const result = await cb();
      await new Promise((resolve) => setTimeout(resolve, 0));
      return result;
    } finally {
      actEnvironment.IS_REACT_ACT_ENVIRONMENT = true;
    }
  },
});

// jsdom has no blob: URLs; the tests stub these where they look at them
if (!URL.createObjectURL) {
  URL.createObjectURL = () => 'blob:stub';
  URL.revokeObjectURL = () => undefined;
}

if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// jsdom's getComputedStyle does not take a pseudo-element (antd measures the scrollbar with one).
const computedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (el: Element) => computedStyle(el);
