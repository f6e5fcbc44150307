import { MOBILE_PHONE_PATTERN, type SessionInfo } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Popup from 'antd-mobile/es/components/popup';
import Toast from 'antd-mobile/es/components/toast';
import { useEffect, useId, useRef, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { isApiProblem } from '../api/client';
import { identity, type SmsOutboxMessage } from '../api/identity';
import { Icon, type IconName } from '../components/icons';
import { Page } from '../components/Page';
import { PinInput } from '../components/PinInput';
import { TextField } from '../components/TextField';
import { useSmsReceipt } from '../hooks/use-sms-receipt';
import { useLocale } from '../i18n/localize';
import { errorText } from '../lib/errors';
import { browserSupportsWebAuthn, getAssertion, isWebAuthnFailure, webAuthnMessage } from '../lib/webauthn';
import { safeNext, useAuth } from '../state/auth';
import { browserStore, type LoginMethodId, readLastLogin } from '../state/storage';

const METHODS: Array<{ id: LoginMethodId; icon: IconName }> = [
  { id: 'passkey', icon: 'face-scan' },
  { id: 'pin', icon: 'lock' },
  { id: 'sms', icon: 'message' },
];

function formatTime(iso: string, lang: string) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(lang, {
        timeZone: 'Asia/Shanghai',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
}

/** 短信沙箱: in the demo there is no SMS gateway; the sandbox keeps every message it "sent" here. */
function SmsOutbox({ visible, onClose }: { visible: boolean; onClose: () => void }) {
  const { t, lang } = useLocale();
  const [messages, setMessages] = useState<SmsOutboxMessage[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const titleId = useId();

  const load = () => {
    setFailed(null);
    identity.smsOutbox().then(setMessages, (e: unknown) => setFailed(errorText(e, t)));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload each time the sheet opens
  useEffect(() => {
    if (visible) load();
  }, [visible]);

  return (
    <Popup visible={visible} onMaskClick={onClose} onClose={onClose} showCloseButton destroyOnClose>
      <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="sheet">
        <h2 id={titleId} className="sheet-title">
          {t('login.outboxTitle')}
        </h2>
        <p className="sheet-desc">{t('login.outboxIntro')}</p>
        {failed && (
          <p className="form-error" role="alert">
            {failed}
          </p>
        )}
        {messages && messages.length === 0 && <p className="sheet-desc">{t('login.outboxEmpty')}</p>}
        {messages && messages.length > 0 && (
          <ul className="outbox-list">
            {messages.slice(0, 10).map((m) => (
              <li key={`${m.createdAt}-${m.text}`} className="outbox-item">
                <div className="outbox-meta">
                  <span>{m.phoneMasked}</span>
                  <time dateTime={m.createdAt}>{formatTime(m.createdAt, lang)}</time>
                </div>
                <p className="outbox-text">{m.text}</p>
              </li>
            ))}
          </ul>
        )}
        <Button block color="primary" fill="outline" onClick={load}>
          {t('login.outboxRefresh')}
        </Button>
      </div>
    </Popup>
  );
}

/** 选择登录方式: 刷脸登录 (passkey), 支付密码登录 (the 6-digit PIN, the guide's 支付密码), 短信验证码登录 (also signs up a new number). */
export default function Login() {
  const { t } = useLocale();
  const auth = useAuth();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const last = useRef(readLastLogin(browserStore())).current;
  const canPasskey = browserSupportsWebAuthn();
  const [method, setMethod] = useState<LoginMethodId>(() => {
    if (!last) return 'sms';
    if (last.method === 'passkey' && !canPasskey) return 'sms';
    return last.method;
  });
  const [phone, setPhone] = useState('');
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const { sent, wait, accept: acceptReceipt } = useSmsReceipt();
  const [busy, setBusy] = useState<'send' | 'login' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [demo, setDemo] = useState(false);
  const [outbox, setOutbox] = useState(false);
  const phoneId = useId();
  const codeId = useId();
  const methodsId = useId();
  const errorRef = useRef<HTMLParagraphElement>(null);

  // Demo mode answers 200 here; production answers 404 and the link stays hidden.
  useEffect(() => {
    const controller = new AbortController();
    identity.smsOutbox({ signal: controller.signal }).then(
      () => setDemo(true),
      () => setDemo(false),
    );
    return () => controller.abort();
  }, []);

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  if (auth.status === 'in') return <Navigate to={next} replace />;

  const choose = (m: LoginMethodId) => {
    setMethod(m);
    setError(null);
  };

  const checkPhone = (): string | null => {
    const value = phone.replace(/\s+/g, '');
    if (!value) {
      setPhoneError(t('login.phoneRequired'));
      return null;
    }
    if (!MOBILE_PHONE_PATTERN.test(value)) {
      setPhoneError(t('login.phoneInvalid'));
      return null;
    }
    setPhoneError(null);
    return value;
  };

  const done = (session: SessionInfo) => {
    auth.signedIn(session);
    Toast.show({ icon: 'success', content: t('login.success') });
  };

  const fail = (e: unknown) => setError(errorText(e, t, (x) => (isWebAuthnFailure(x) ? webAuthnMessage(x, t) : null)));

  const loginWithPasskey = async () => {
    setBusy('login');
    setError(null);
    try {
      const options = await identity.passkeyLoginOptions();
      const response = await getAssertion(options);
      done(await identity.passkeyLogin(response));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const loginWithPin = async (value = pin) => {
    const p = checkPhone();
    if (!p) return;
    if (value.length !== 6) {
      setError(t('login.pinRequired'));
      return;
    }
    setBusy('login');
    setError(null);
    try {
      done(await identity.pinLogin(p, value));
    } catch (e) {
      setPin('');
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const sendCode = async () => {
    const p = checkPhone();
    if (!p) return;
    setBusy('send');
    setError(null);
    try {
      acceptReceipt(await identity.sendSms(p));
    } catch (e) {
      // 429 SMS_TOO_FREQUENT: the detail says how long to wait.
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const loginWithSms = async () => {
    const p = checkPhone();
    const c = code.trim();
    if (!/^\d{6}$/.test(c)) {
      setCodeError(t('sms.codeFormat'));
      if (!p) return;
      return;
    }
    setCodeError(null);
    if (!p) return;
    setBusy('login');
    setError(null);
    try {
      done(await identity.smsLogin(p, c));
    } catch (e) {
      if (isApiProblem(e) && (e.code === 'SMS_CODE_INVALID' || e.code === 'SMS_CODE_EXPIRED')) setCode('');
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const submit = () => {
    if (method === 'passkey') void loginWithPasskey();
    else if (method === 'pin') void loginWithPin();
    else void loginWithSms();
  };

  const phoneField = (
    <div className="field">
      <label htmlFor={phoneId} className="field-label">
        {t('login.phoneLabel')}
      </label>
      <TextField
        id={phoneId}
        testId="phone-input"
        type="tel"
        inputMode="numeric"
        autoComplete="tel-national"
        maxLength={13}
        value={phone}
        onChange={(v) => {
          setPhone(v.replace(/[^\d\s]/g, ''));
          setPhoneError(null);
        }}
        placeholder={t('login.phonePlaceholder')}
        required
        aria-invalid={phoneError ? true : undefined}
        aria-describedby={phoneError ? `${phoneId}-error` : undefined}
      />
      {phoneError && (
        <p id={`${phoneId}-error`} className="field-error">
          {phoneError}
        </p>
      )}
    </div>
  );

  return (
    <Page title={t('login.title')} className="login-main">
      <section className="card login-hero">
        <Icon name="face-scan" className="login-hero-icon" />
        <div>
          <p className="login-hero-title">{t('login.lead')}</p>
          <p className="login-hero-desc">{t('login.leadDesc')}</p>
        </div>
      </section>

      <section className="card" aria-labelledby={methodsId}>
        <h2 id={methodsId}>{t('login.chooseMethod')}</h2>
        {last && <p className="login-last">{t('login.lastAccount', { phone: last.phoneMasked })}</p>}
        <fieldset className="method-grid" aria-labelledby={methodsId}>
          {METHODS.map((m) => (
            <button
              key={m.id}
              type="button"
              className={`method-option${method === m.id ? ' active' : ''}`}
              aria-pressed={method === m.id}
              data-testid={`login-method-${m.id}`}
              onClick={() => choose(m.id)}
            >
              <Icon name={m.icon} className="method-icon" />
              <span className="method-label">{t(`login.method.${m.id}`)}</span>
              {last?.method === m.id && <span className="method-default">{t('login.default')}</span>}
            </button>
          ))}
        </fieldset>
      </section>

      <section className="card login-form" aria-label={t(`login.method.${method}`)}>
        {method === 'passkey' && (
          <div className="login-passkey">
            <p>{t('login.passkeyHint')}</p>
            {!canPasskey && <p className="field-error">{t('passkey.errors.unsupported')}</p>}
          </div>
        )}

        {method === 'pin' && (
          <>
            {phoneField}
            <div className="field">
              <span className="field-label" aria-hidden="true">
                {t('login.pinLabel')}
              </span>
              <PinInput
                value={pin}
                onChange={(v) => {
                  setPin(v);
                  if (v) setError(null);
                }}
                onFill={(v) => void loginWithPin(v)}
                label={t('login.pinLabel')}
                error={Boolean(error)}
                disabled={busy !== null}
                footer={
                  <>
                    {error && (
                      <p className="form-error pin-error" role="alert">
                        {error}
                      </p>
                    )}
                    <p className="field-help">{t('login.pinHelp')}</p>
                  </>
                }
              />
            </div>
          </>
        )}

        {method === 'sms' && (
          <>
            {phoneField}
            <div className="field">
              <label htmlFor={codeId} className="field-label">
                {t('sms.codeLabel')}
              </label>
              <div className="code-row">
                <TextField
                  id={codeId}
                  testId="sms-code-input"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  value={code}
                  onChange={(v) => {
                    setCode(v.replace(/\D/g, '').slice(0, 6));
                    setCodeError(null);
                  }}
                  onEnterPress={submit}
                  placeholder={t('sms.codePlaceholder')}
                  required
                  aria-invalid={codeError ? true : undefined}
                  aria-describedby={codeError ? `${codeId}-error` : undefined}
                />
                <Button
                  color="primary"
                  fill="outline"
                  className="code-send"
                  disabled={busy !== null || wait > 0}
                  loading={busy === 'send'}
                  onClick={sendCode}
                  data-testid="sms-send"
                >
                  {wait > 0 ? t('sms.resendIn', { seconds: String(wait) }) : sent ? t('sms.resend') : t('sms.send')}
                </Button>
              </div>
              {codeError && (
                <p id={`${codeId}-error`} className="field-error">
                  {codeError}
                </p>
              )}
              {sent && (
                <p className="field-help" role="status">
                  {sent}
                </p>
              )}
              <p className="field-help">{t('login.smsSignup')}</p>
            </div>
          </>
        )}

        {error && method !== 'pin' && (
          <p className="form-error" role="alert" tabIndex={-1} ref={errorRef}>
            {error}
          </p>
        )}

        <Button
          block
          color="primary"
          size="large"
          className="login-submit"
          loading={busy === 'login'}
          disabled={busy !== null || (method === 'passkey' && !canPasskey)}
          onClick={submit}
          data-testid="login-submit"
        >
          {method === 'passkey' ? t('login.passkeyAction') : t('login.submit')}
        </Button>
        <p className="login-privacy">{t('login.privacy')}</p>
      </section>

      {demo && (
        <p className="outbox-entry">
          <button type="button" className="link-button" onClick={() => setOutbox(true)} data-testid="sms-outbox-link">
            <Icon name="message" />
            {t('login.outboxLink')}
          </button>
        </p>
      )}
      <SmsOutbox visible={outbox} onClose={() => setOutbox(false)} />
    </Page>
  );
}
