import type { SmsSendReceipt } from '@yss/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountdown } from './use-countdown';

/**
 * What the SMS-code forms (login, verification prompt) show after a code is sent: the server's
 * confirmation ("验证码已发送至138****8000") and the seconds until another code may be requested.
 */
export function useSmsReceipt() {
  const { t } = useTranslation();
  const [sent, setSent] = useState<string | null>(null);
  const [wait, startWait] = useCountdown();
  const accept = useCallback(
    (receipt: SmsSendReceipt) => {
      startWait(receipt.resendAfterSeconds);
      setSent(receipt.message || t('sms.sent'));
    },
    [startWait, t],
  );
  return { sent, wait, accept };
}
