// antd 5 renders its static helpers with ReactDOM.render, which React 19 removed; the patch supplies createRoot.
import '@ant-design/v5-patch-for-react-19';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import './styles.css';
import { SessionProvider } from './session';
import { consoleTheme } from './theme';

// Dialogs and drawers appear at once, without zooming, for those who ask their system for less motion.
const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    {/* No space inserted between two Chinese characters of a button (antd's default: 受 理): the visible text must
        match the button's accessible name (axe label-content-name-mismatch) and reads as one word. */}
    <ConfigProvider locale={zhCN} theme={consoleTheme(reducedMotion)} button={{ autoInsertSpace: false }}>
      <AntApp>
        <BrowserRouter basename="/console">
          <SessionProvider>
            <App />
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
