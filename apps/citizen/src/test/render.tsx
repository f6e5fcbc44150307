import '../setup-antd';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';

/** React asks for this flag to let act() flush updates outside its own test renderer. */
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const mounted: Root[] = [];

/** Renders into a fresh container (React 19 from this app, not a hoisted older copy). */
export async function renderUi(ui: ReactNode): Promise<HTMLElement> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  mounted.push(root);
  await act(async () => {
    root.render(ui);
  });
  return container;
}

export async function cleanup() {
  for (const root of mounted.splice(0)) {
    await act(async () => root.unmount());
  }
  document.body.innerHTML = '';
}

/** Lets pending promises and React updates settle. */
export async function flush(times = 3) {
  for (let i = 0; i < times; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

/**
 * Waits until `check` stops throwing (React updates flushed between tries). It returns as soon as the check holds, so
 * the generous default costs passing tests nothing: under a loaded 2-core machine (a CI run beside) a page's first
 * render once took longer than the earlier 3 s (Apply.test.tsx's verify prompt).
 */
export async function waitFor<T>(check: () => T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return check();
    } catch (e) {
      last = e;
    }
    await flush(1);
  }
  throw last;
}

/** Types into an input or textarea the way React notices (the native value setter, then an input event). */
export async function typeInto(el: Element, value: string) {
  await act(async () => {
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function click(el: Element) {
  await act(async () => {
    (el as HTMLElement).click();
  });
}
