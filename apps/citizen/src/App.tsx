import ConfigProvider from 'antd-mobile/es/components/config-provider';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { Component, type ErrorInfo, lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Outlet, RouterProvider, ScrollRestoration, useLocation } from 'react-router';
import { PageSkeleton } from './components/States';
import { TabBar } from './components/TabBar';
import { AuthProvider } from './state/auth';

const Home = lazy(() => import('./pages/Home'));
const Services = lazy(() => import('./pages/Services'));
const Inbox = lazy(() => import('./pages/Inbox'));
const Me = lazy(() => import('./pages/Me'));
const ServiceDetail = lazy(() => import('./pages/ServiceDetail'));
const ServiceGroup = lazy(() => import('./pages/ServiceGroup'));
const Zone = lazy(() => import('./pages/Zone'));
const Search = lazy(() => import('./pages/Search'));
const Faq = lazy(() => import('./pages/Faq'));
const AppQr = lazy(() => import('./pages/AppQr'));
const NotFound = lazy(() => import('./pages/NotFound'));
const Login = lazy(() => import('./pages/Login'));
const RealName = lazy(() => import('./pages/RealName'));
const Security = lazy(() => import('./pages/Security'));
const AccessLog = lazy(() => import('./pages/AccessLog'));
const Family = lazy(() => import('./pages/Family'));
const NameCheck = lazy(() => import('./pages/NameCheck'));
const SocialInsurance = lazy(() => import('./pages/SocialInsurance'));
const Verify = lazy(() => import('./pages/Verify'));
const WalletVerifications = lazy(() => import('./pages/WalletVerifications'));
const IdCardProgress = lazy(() => import('./pages/IdCardProgress'));
const DisabilityCertificate = lazy(() => import('./pages/DisabilityCertificate'));
const SeniorCard = lazy(() => import('./pages/SeniorCard'));
const AssistanceProgress = lazy(() => import('./pages/AssistanceProgress'));
const HouseholdApprovals = lazy(() => import('./pages/HouseholdApprovals'));
const Points = lazy(() => import('./pages/Points'));
const TrafficViolations = lazy(() => import('./pages/TrafficViolations'));
const GraduateArchive = lazy(() => import('./pages/GraduateArchive'));
const SchoolSearch = lazy(() => import('./pages/SchoolSearch'));
const Zhongkao = lazy(() => import('./pages/Zhongkao'));
const Gaokao = lazy(() => import('./pages/Gaokao'));
const HousingFund = lazy(() => import('./pages/HousingFund'));
const MedicalPayment = lazy(() => import('./pages/MedicalPayment'));
const PensionCertification = lazy(() => import('./pages/PensionCertification'));
const MedicalPayCode = lazy(() => import('./pages/MedicalPayCode'));
const MedicalBalance = lazy(() => import('./pages/MedicalBalance'));
const AddFamily = lazy(() => import('./pages/AddFamily'));
const FamilyDetail = lazy(() => import('./pages/FamilyDetail'));
const IncomeTaxCalculator = lazy(() => import('./pages/IncomeTaxCalculator'));
const OvertimeCalculator = lazy(() => import('./pages/OvertimeCalculator'));
const TaxDetails = lazy(() => import('./pages/TaxDetails'));
const InvoiceVerify = lazy(() => import('./pages/InvoiceVerify'));
const LostInvoice = lazy(() => import('./pages/LostInvoice'));
const TaxCertificateVerify = lazy(() => import('./pages/TaxCertificateVerify'));
const Utilities = lazy(() => import('./pages/Utilities'));
const RealEstate = lazy(() => import('./pages/RealEstate'));
const RealEstateProgress = lazy(() => import('./pages/RealEstateProgress'));
const PlatMap = lazy(() => import('./pages/PlatMap'));
const CreditSearch = lazy(() => import('./pages/CreditSearch'));
const CreditDetail = lazy(() => import('./pages/CreditDetail'));
const CreditSubscriptions = lazy(() => import('./pages/CreditSubscriptions'));
const Wallet = lazy(() => import('./pages/Wallet'));
const WalletAdd = lazy(() => import('./pages/WalletAdd'));
const WalletDetail = lazy(() => import('./pages/WalletDetail'));
const WalletShow = lazy(() => import('./pages/WalletShow'));
const Apply = lazy(() => import('./pages/Apply'));
const Cases = lazy(() => import('./pages/Cases'));
const CaseDetail = lazy(() => import('./pages/CaseDetail'));
const Book = lazy(() => import('./pages/Book'));
const Appointments = lazy(() => import('./pages/Appointments'));
const AppointmentDetail = lazy(() => import('./pages/AppointmentDetail'));
const CoachSearch = lazy(() => import('./pages/CoachSearch'));
const CoachOrderConfirm = lazy(() => import('./pages/CoachOrderConfirm'));
const CoachOrders = lazy(() => import('./pages/CoachOrders'));
const CoachOrderDetail = lazy(() => import('./pages/CoachOrderDetail'));
const CoachTicket = lazy(() => import('./pages/CoachTicket'));
const Pay = lazy(() => import('./pages/Pay'));
const PayResult = lazy(() => import('./pages/PayResult'));
const Payments = lazy(() => import('./pages/Payments'));
const GasPay = lazy(() => import('./pages/GasPay'));
const LabourDisputeGuide = lazy(() => import('./pages/LabourDisputeGuide'));
const LegalConsult = lazy(() => import('./pages/LegalConsult'));
const GasOutages = lazy(() => import('./pages/GasOutages'));
const GasPrices = lazy(() => import('./pages/GasPrices'));
const PowerNotices = lazy(() => import('./pages/PowerNotices'));
const MoveCar = lazy(() => import('./pages/MoveCar'));
const FlightService = lazy(() => import('./pages/FlightService'));
const FlightCheckIn = lazy(() => import('./pages/FlightCheckIn'));
const TravelTrips = lazy(() => import('./pages/TravelTrips'));
const TravelTrip = lazy(() => import('./pages/TravelTrip'));
const TravelExpressways = lazy(() => import('./pages/TravelExpressways'));
const TravelRoads = lazy(() => import('./pages/TravelRoads'));
const TravelRailway = lazy(() => import('./pages/TravelRailway'));
const PoliceCall = lazy(() => import('./pages/PoliceCall'));
const VehicleTax = lazy(() => import('./pages/VehicleTax'));
const PurchaseTax = lazy(() => import('./pages/PurchaseTax'));
const PurchaseTaxCertificates = lazy(() => import('./pages/PurchaseTaxCertificates'));
const EndorsementApply = lazy(() => import('./pages/EndorsementApply'));
const EndorsementProgress = lazy(() => import('./pages/EndorsementProgress'));
const HousingFundWithdraw = lazy(() => import('./pages/HousingFundWithdraw'));
const HousingFundWithdrawal = lazy(() => import('./pages/HousingFundWithdrawal'));
const HousingFundLoan = lazy(() => import('./pages/HousingFundLoan'));
const TaxCertificates = lazy(() => import('./pages/TaxCertificates'));
const InvoiceTitles = lazy(() => import('./pages/InvoiceTitles'));

function CrashScreen({ network, onReload }: { network: boolean; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <main id="main" className="page-main crash" role="alert">
      <h1>{network ? t('errors.offlineTitle') : t('errors.crashTitle')}</h1>
      <p>{network ? t('errors.network') : t('errors.crashBody')}</p>
      <button type="button" className="state-link" onClick={onReload}>
        {t('errors.reload')}
      </button>
    </main>
  );
}

/** A page chunk that cannot be fetched (offline, or replaced by a new release) rather than a bug. */
function isLoadFailure(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return (
    (typeof navigator !== 'undefined' && navigator.onLine === false) ||
    /dynamically imported module|Importing a module script failed|Failed to fetch|error loading dynamically/i.test(
      message,
    )
  );
}

/** A page that throws (or a page chunk that fails to load) shows a reload screen instead of a blank page. */
class PageErrorBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { failed: boolean; network: boolean }
> {
  override state = { failed: false, network: false };
  static getDerivedStateFromError(error: unknown) {
    return { failed: true, network: isLoadFailure(error) };
  }
  override componentDidUpdate(prev: { resetKey: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: false, network: false });
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }
  override render() {
    return this.state.failed ? (
      <CrashScreen network={this.state.network} onReload={() => window.location.reload()} />
    ) : (
      this.props.children
    );
  }
}

function Shell() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <AuthProvider>
        <div className="app-shell">
          <a href="#main" className="skip-link">
            {t('app.skipToContent')}
          </a>
          <PageErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<PageSkeleton />}>
              <Outlet />
            </Suspense>
          </PageErrorBoundary>
        </div>
      </AuthProvider>
      <ScrollRestoration />
    </ConfigProvider>
  );
}

/** Root pages (首页 · 服务 · 消息 · 我的) share the bottom tab bar. */
function TabLayout() {
  return (
    <div className="tab-layout">
      <Suspense fallback={<PageSkeleton />}>
        <Outlet />
      </Suspense>
      <TabBar />
    </div>
  );
}

export const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [
      {
        element: <TabLayout />,
        children: [
          { index: true, element: <Home /> },
          { path: 'services', element: <Services /> },
          { path: 'inbox', element: <Inbox /> },
          { path: 'me', element: <Me /> },
        ],
      },
      { path: 'services/:id', element: <ServiceDetail /> },
      { path: 'groups/:groupId', element: <ServiceGroup /> },
      { path: 'zones/:zoneId', element: <Zone /> },
      { path: 'search', element: <Search /> },
      { path: 'faq', element: <Faq /> },
      { path: 'app-qr', element: <AppQr /> },
      { path: 'login', element: <Login /> },
      { path: 'me/real-name', element: <RealName /> },
      { path: 'me/security', element: <Security /> },
      { path: 'me/access-log', element: <AccessLog /> },
      { path: 'tools/name-check', element: <NameCheck /> },
      { path: 'tools/move-car', element: <MoveCar /> },
      // 航班服务 and 航班在线值机 (D5); a trip links to /travel/flights?flight=<flight no>
      { path: 'travel/flights', element: <FlightService /> },
      { path: 'travel/flights/check-in', element: <FlightCheckIn /> },
      // 智慧出行 (D5): 行程订阅及天气, 高速动态, 附近路况, 铁路信息 (航班 is /travel/flights, its own page)
      { path: 'travel/trips', element: <TravelTrips /> },
      { path: 'travel/trips/:id', element: <TravelTrip /> },
      { path: 'travel/expressways', element: <TravelExpressways /> },
      { path: 'travel/roads', element: <TravelRoads /> },
      { path: 'travel/railway', element: <TravelRailway /> },
      { path: 'tools/police-call', element: <PoliceCall /> },
      { path: 'lookups/social-insurance', element: <SocialInsurance /> },
      { path: 'lookups/id-card', element: <IdCardProgress /> },
      { path: 'lookups/disability', element: <DisabilityCertificate /> },
      { path: 'lookups/senior-card', element: <SeniorCard /> },
      { path: 'lookups/social-assistance', element: <AssistanceProgress /> },
      { path: 'lookups/household-approvals', element: <HouseholdApprovals /> },
      { path: 'lookups/points', element: <Points /> },
      { path: 'lookups/traffic-violations', element: <TrafficViolations /> },
      { path: 'lookups/graduate-archive', element: <GraduateArchive /> },
      { path: 'lookups/schools', element: <SchoolSearch /> },
      { path: 'lookups/zhongkao', element: <Zhongkao /> },
      { path: 'lookups/gaokao/ticket', element: <Gaokao kind="ticket" /> },
      { path: 'lookups/gaokao/results', element: <Gaokao kind="results" /> },
      { path: 'lookups/housing-fund', element: <HousingFund /> },
      { path: 'lookups/medical-payment', element: <MedicalPayment /> },
      { path: 'pension-certification', element: <PensionCertification /> },
      { path: 'lookups/medical-pay-code', element: <MedicalPayCode /> },
      { path: 'lookups/medical-balance', element: <MedicalBalance /> },
      { path: 'me/family', element: <Family /> },
      { path: 'me/family/add', element: <AddFamily /> },
      { path: 'me/family/:id', element: <FamilyDetail /> },
      { path: 'tools/income-tax', element: <IncomeTaxCalculator /> },
      { path: 'tools/overtime-pay', element: <OvertimeCalculator /> },
      { path: 'lookups/income-tax', element: <TaxDetails kind="income-tax" /> },
      { path: 'lookups/social-insurance-fees', element: <TaxDetails kind="insurance-fees" /> },
      { path: 'tools/invoice-verify', element: <InvoiceVerify /> },
      { path: 'verify', element: <Verify /> },
      { path: 'wallet/verifications', element: <WalletVerifications /> },
      { path: 'tools/lost-invoice', element: <LostInvoice /> },
      { path: 'tools/tax-certificate', element: <TaxCertificateVerify /> },
      { path: 'lookups/utilities/:utility', element: <Utilities /> },
      { path: 'lookups/real-estate', element: <RealEstate /> },
      { path: 'lookups/real-estate/progress', element: <RealEstateProgress /> },
      { path: 'lookups/real-estate/plat-map', element: <PlatMap /> },
      { path: 'credit', element: <CreditSearch /> },
      { path: 'credit/subscriptions', element: <CreditSubscriptions /> },
      { path: 'credit/:uscc', element: <CreditDetail /> },
      { path: 'wallet', element: <Wallet /> },
      { path: 'wallet/add', element: <WalletAdd /> },
      { path: 'wallet/:id', element: <WalletDetail /> },
      { path: 'wallet/:id/show', element: <WalletShow /> },
      { path: 'apply/:serviceId', element: <Apply /> },
      { path: 'cases', element: <Cases /> },
      { path: 'cases/:id', element: <CaseDetail /> },
      { path: 'book/:serviceId', element: <Book /> },
      { path: 'appointments', element: <Appointments /> },
      { path: 'appointments/:id', element: <AppointmentDetail /> },
      { path: 'coach', element: <CoachSearch /> },
      { path: 'coach/order', element: <CoachOrderConfirm /> },
      { path: 'coach/orders', element: <CoachOrders /> },
      { path: 'coach/orders/:id', element: <CoachOrderDetail /> },
      { path: 'coach/tickets/:ticketId', element: <CoachTicket /> },
      { path: 'pay/:id', element: <Pay /> },
      { path: 'pay/:id/result', element: <PayResult /> },
      { path: 'me/payments', element: <Payments /> },
      { path: 'utilities/gas/pay', element: <GasPay /> },
      { path: 'tools/labour-dispute-guide', element: <LabourDisputeGuide /> },
      { path: 'tools/legal-consult', element: <LegalConsult /> },
      { path: 'utilities/gas/outages', element: <GasOutages /> },
      { path: 'utilities/gas/prices', element: <GasPrices /> },
      { path: 'lookups/utilities/power/outages', element: <PowerNotices /> },
      { path: 'tax/vehicle-tax', element: <VehicleTax /> },
      { path: 'tax/purchase-tax', element: <PurchaseTax /> },
      { path: 'tax/purchase-tax/certificates', element: <PurchaseTaxCertificates /> },
      { path: 'exit-entry/endorsements/apply', element: <EndorsementApply /> },
      { path: 'exit-entry/endorsements', element: <EndorsementProgress /> },
      { path: 'housing-fund/withdraw', element: <HousingFundWithdraw /> },
      { path: 'housing-fund/withdrawals/:id', element: <HousingFundWithdrawal /> },
      { path: 'lookups/housing-fund/loan', element: <HousingFundLoan /> },
      { path: 'tax/certificates', element: <TaxCertificates /> },
      { path: 'tools/invoice-titles', element: <InvoiceTitles /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
