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

/**
 * The citizen app's blue, darker than antd's default, and darker secondary and placeholder greys than
 * antd's: every text meets WCAG AA contrast (4.5:1) on white.
 */
const theme = {
  token: {
    colorPrimary: '#1763d6',
    // antd derives hover/active shades LIGHTER than the primary: white text on a hovered primary button fell
    // below 4.5:1 (axe, console e2e). Darker shades keep it ≥ 6:1.
    colorPrimaryHover: '#1257be',
    colorPrimaryActive: '#0e4aa3',
    colorLink: '#1763d6',
    colorLinkHover: '#1257be',
    colorLinkActive: '#0e4aa3',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
  },
};

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    {/* No space inserted between two Chinese characters of a button (antd's default: 受 理): the visible text must
        match the button's accessible name (axe label-content-name-mismatch) and reads as one word. */}
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
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
