import type { Delegation } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { useEffect, useId, useRef, useState } from 'react';
import { delegation as api } from '../api/delegation';
import { useSmsReceipt } from '../hooks/use-sms-receipt';
import { useLocale } from '../i18n/localize';
import { errorText } from '../lib/errors';
import { browserSupportsWebAuthn, getAssertion, webAuthnMessage } from '../lib/webauthn';
import { PinInput } from './PinInput';
import { Segmented } from './Segmented';
import { TextField } from './TextField';

type Way = 'sms' | 'pin' | 'passkey';

/**
 * The principal confirms a pending delegation on the agent's phone: an SMS code to the phone registered with
 * 公安 (works for an elderly parent without an account), their own PIN, or their own passkey; or later in
 * their own account. Only the ways the server offers for this person are shown.
 */
export function ConsentStep({ pending, onDone }: { pending: Delegation; onDone: (d: Delegation) => void }) {
  const { t } = useLocale();
  const options = pending.consentOptions;
  const ways: Way[] = [
    ...(options?.smsPhoneMasked ? (['sms'] as const) : []),
    ...(options?.pin ? (['pin'] as const) : []),
    ...(options?.passkey && browserSupportsWebAuthn() ? (['passkey'] as const) : []),
  ];
  const [way, setWay] = useState<Way | null>(ways[0] ?? null);
  const [code, setCode] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState<'send' | 'confirm' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { sent, wait, accept } = useSmsReceipt();
  const codeId = useId();
  const groupId = useId();
  const errorRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  const run = async (kind: 'send' | 'confirm', fn: () => Promise<void>) => {
    setBusy(kind);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(errorText(e, t, (x) => webAuthnMessage(x, t)));
    } finally {
      setBusy(null);
    }
  };

  const sendCode = () => run('send', async () => accept(await api.sendConsentSms(pending.id)));
  const confirmSms = () =>
    run('confirm', async () => {
      onDone(await api.consentBySms(pending.id, code));
    });
  const confirmPin = (value: string) =>
    run('confirm', async () => {
      try {
        onDone(await api.consentByPin(pending.id, value));
      } finally {
        setPin('');
      }
    });
  const confirmPasskey = () =>
    run('confirm', async () => {
      const o = await api.consentPasskeyOptions(pending.id);
      onDone(await api.consentByPasskey(pending.id, await getAssertion(o)));
    });

  return (
    <section className="card consent-step" aria-labelledby={groupId} data-testid="consent-step">
      <h2 id={groupId} className="section-title">
        {t('family.consentTitle')}
      </h2>
      <p className="step-intro">{t('family.consentIntro', { name: pending.otherParty.nameMasked })}</p>
      <ul className="consent-services">
        {pending.services.map((s) => (
          <li key={s.id} className="consent-service">
            {s.name}
          </li>
        ))}
      </ul>

      {ways.length > 1 && (
        <Segmented
          label={t('family.consentTitle')}
          options={ways}
          value={way}
          onChange={(w) => {
            setWay(w);
            setError(null);
          }}
          testId={(w) => `consent-way-${w}`}
          text={(w) => t(w === 'sms' ? 'family.bySms' : w === 'pin' ? 'family.byPin' : 'family.byPasskey')}
        />
      )}

      {way === 'sms' && (
        <div className="field">
          <p className="field-help">{t('family.bySmsDesc', { phone: options?.smsPhoneMasked ?? '' })}</p>
          <label htmlFor={codeId} className="field-label">
            {t('family.codeLabel')}
          </label>
          <div className="code-row">
            <TextField
              id={codeId}
              testId="consent-code"
              inputMode="numeric"
              autoComplete="off"
              maxLength={6}
              value={code}
              onChange={(v) => setCode(v.replace(/\D/g, '').slice(0, 6))}
              onEnterPress={confirmSms}
              placeholder={t('family.codePlaceholder')}
              required
            />
            <Button
              color="primary"
              fill="outline"
              className="code-send"
              disabled={busy !== null || wait > 0}
              loading={busy === 'send'}
              onClick={sendCode}
              data-testid="consent-send"
            >
              {wait > 0 ? t('family.resendIn', { seconds: String(wait) }) : t('family.sendCode')}
            </Button>
          </div>
          {sent && (
            <p className="field-help" role="status">
              {sent}
            </p>
          )}
          <Button
            block
            color="primary"
            size="large"
            className="form-submit"
            loading={busy === 'confirm'}
            disabled={busy !== null || code.length !== 6}
            onClick={confirmSms}
            data-testid="consent-confirm"
          >
            {t('family.confirm')}
          </Button>
        </div>
      )}

      {way === 'pin' && (
        <div className="field">
          <p className="field-help">{t('family.byPinDesc')}</p>
          <PinInput
            label={t('family.pinLabel')}
            value={pin}
            onChange={setPin}
            onFill={(v) => void confirmPin(v)}
            error={error !== null}
            disabled={busy !== null}
            testId="consent-pin"
          />
        </div>
      )}

      {way === 'passkey' && (
        <div className="field">
          <p className="field-help">{t('family.byPasskeyDesc')}</p>
          <Button
            block
            color="primary"
            size="large"
            loading={busy === 'confirm'}
            disabled={busy !== null}
            onClick={confirmPasskey}
            data-testid="consent-passkey"
          >
            {t('family.startPasskey')}
          </Button>
        </div>
      )}

      {error && (
        <p className="form-error" role="alert" tabIndex={-1} ref={errorRef} data-testid="consent-error">
          {error}
        </p>
      )}

      {options?.account ? (
        <div className="consent-account">
          <p className="field-label">{t('family.byAccount')}</p>
          <p className="field-help">{t('family.byAccountDesc')}</p>
        </div>
      ) : (
        ways.length === 0 && <p className="field-help">{t('family.noConsentWay')}</p>
      )}
    </section>
  );
}
