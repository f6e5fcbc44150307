import { StyleProvider } from '@ant-design/cssinjs';
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

/**
 * antd's CSS-in-JS styles go into this element, outside the document: jsdom's getComputedStyle walks every style
 * sheet of the document on each call (Testing Library calls it for every element a role query looks at), and
 * with antd's hundreds of rules a console test took minutes. What the tests check is set inline or by attributes.
 */
const styleContainer = document.createElement('div');

export async function render(ui: ReactNode): Promise<HTMLElement> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  mounted.push({ root, container });
  await act(async () => {
    root.render(
      <StyleProvider container={styleContainer}>
        <ConfigProvider locale={zhCN} theme={{ token: { motion: false } }}>
          <AntApp>{ui}</AntApp>
        </ConfigProvider>
      </StyleProvider>,
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
