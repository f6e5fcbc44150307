import { Button, Layout, Menu, Spin, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { hasPermission } from './grants';
import { AuditPage } from './pages/AuditPage';
import { BackupsPage } from './pages/BackupsPage';
import { CasesPage } from './pages/CasesPage';
import { CatalogPage } from './pages/CatalogPage';
import { FaqsPage } from './pages/FaqsPage';
import { FeedbackPage } from './pages/FeedbackPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { VerifiersPage } from './pages/VerifiersPage';
import { WalletStatusPage } from './pages/WalletStatusPage';
import { WorkCalendarPage } from './pages/WorkCalendarPage';
import { useSession } from './session';

// 号源管理 brings the date and time pickers: its own chunk, loaded when the page is first opened
const SlotsPage = lazy(() => import('./pages/SlotsPage').then((m) => ({ default: m.SlotsPage })));

/** The pages behind the login: a side menu, the staff member's name and 退出登录. */
function Shell() {
  const { profile, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  if (profile === undefined) {
    return (
      <div className="centered">
        <Spin tip="加载中…">
          <div className="spin-box" />
        </Spin>
      </div>
    );
  }
  if (profile === null) return <Navigate to="/login" replace />;
  const selected = location.pathname.startsWith('/feedback')
    ? 'feedback'
    : location.pathname.startsWith('/wallet')
      ? 'wallet'
      : location.pathname.startsWith('/cases')
        ? 'cases'
        : location.pathname.startsWith('/slots')
          ? 'slots'
          : (['catalog', 'work-calendar', 'faqs', 'verifiers', 'audit', 'backups'].find((k) =>
              location.pathname.startsWith(`/${k}`),
            ) ?? 'home');
  // 办件审核 only for those whose grants give application.review (the reviewer role); the server checks it too
  const canReview = hasPermission(profile, 'application.review');
  // 号源管理 only for those whose grants give slot.manage (the 号源管理员 role); the server checks it too
  const canManageSlots = hasPermission(profile, 'slot.manage');
  return (
    <Layout className="shell">
      <Layout.Header className="shell-header">
        <Typography.Title level={1} className="shell-title">
          粤省事工作台
        </Typography.Title>
        <nav aria-label="账号" className="shell-user">
          <span data-testid="staff-name">{profile.displayName}</span>
          <Button
            data-testid="logout"
            onClick={async () => {
              await logout();
              navigate('/login', { replace: true });
            }}
          >
            退出登录
          </Button>
        </nav>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} theme="light" className="shell-sider">
          <nav aria-label="功能菜单">
            <Menu
              mode="inline"
              selectedKeys={[selected]}
              onClick={({ key }) => navigate(key === 'home' ? '/' : `/${key}`)}
              items={[
                { key: 'home', label: '首页' },
                ...(canReview ? [{ key: 'cases', label: '办件审核' }] : []),
                ...(canManageSlots ? [{ key: 'slots', label: '号源管理' }] : []),
                // 服务事项 for 事项管理员 (catalog.edit), 常见问题 for 客服人员 (faq.edit); the server checks them too
                ...(hasPermission(profile, 'catalog.edit') ? [{ key: 'catalog', label: '服务事项' }] : []),
                // 工作日历 (法定节假日, 调休): read by 事项管理员, changed by the operator's province-wide ones
                ...(hasPermission(profile, 'catalog.edit') ? [{ key: 'work-calendar', label: '工作日历' }] : []),
                ...(hasPermission(profile, 'faq.edit') ? [{ key: 'faqs', label: '常见问题' }] : []),
                { key: 'feedback', label: '意见反馈' },
                { key: 'wallet', label: '电子证照状态' },
                // 核验单位管理 for 核验单位管理员 (verifier.manage): hotels and the rest, their star ratings and verifiers
                ...(hasPermission(profile, 'verifier.manage') ? [{ key: 'verifiers', label: '核验单位管理' }] : []),
                // 审计日志 for 审计人员 (audit.read); the server decides the reach and checks it too
                ...(hasPermission(profile, 'audit.read') ? [{ key: 'audit', label: '审计日志' }] : []),
                // 数据备份 for the operator's 平台运维人员 (platform.backup)
                ...(hasPermission(profile, 'platform.backup') ? [{ key: 'backups', label: '数据备份' }] : []),
              ]}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content className="shell-content">
          <main>
            <Routes>
              <Route path="/" element={<HomePage />} />
              <Route path="/cases/:caseId?" element={<CasesPage />} />
              <Route
                path="/slots"
                element={
                  <Suspense
                    fallback={
                      <Spin tip="加载中…">
                        <div className="spin-box" />
                      </Spin>
                    }
                  >
                    <SlotsPage />
                  </Suspense>
                }
              />
              <Route path="/feedback" element={<FeedbackPage />} />
              <Route path="/catalog" element={<CatalogPage />} />
              <Route path="/work-calendar" element={<WorkCalendarPage />} />
              <Route path="/faqs" element={<FaqsPage />} />
              <Route path="/wallet" element={<WalletStatusPage />} />
              <Route path="/verifiers" element={<VerifiersPage />} />
              <Route path="/audit" element={<AuditPage />} />
              <Route path="/backups" element={<BackupsPage />} />
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/*" element={<Shell />} />
    </Routes>
  );
}
