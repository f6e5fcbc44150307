import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach } from 'vitest';

/**
 * Renders into a fresh container with the console's React 19 (Testing Library's React binding would load the
 * workspace root's React 18), inside the providers main.tsx sets up; unmounted after each test.
 */
const mounted: { root: Root; container: HTMLElement }[] = [];

export async function render(ui: ReactNode): Promise<HTMLElement> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  mounted.push({ root, container });
  await act(async () => {
    root.render(
      <ConfigProvider locale={zhCN} theme={{ token: { motion: false } }}>
        <AntApp>{ui}</AntApp>
      </ConfigProvider>,
    );
  });
  return container;
}

afterEach(async () => {
  for (const { root, container } of mounted.splice(0)) {
    await act(async () => root.unmount());
    container.remove();
  }
  document.body.innerHTML = '';
});
