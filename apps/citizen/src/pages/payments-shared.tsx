import {
  FULFILMENT_STATUS_LABELS,
  formatFen,
  PAYMENT_CHANNEL_NAMES,
  PAYMENT_STATUS_LABELS,
  type PaymentOrder,
} from '@yss/contracts';
import Tag from 'antd-mobile/es/components/tag';
import Toast from 'antd-mobile/es/components/toast';
import { type ReactNode, type RefObject, useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useLocale } from '../i18n/localize';
import { PAYMENT_STATUS_COLOR } from '../lib/payments';

/** The order's status in the UI language (the server's Chinese label, the contract's English one). */
export function useStatusText() {
  const { pick } = useLocale();
  return {
    status: (o: PaymentOrder) => pick(o.statusLabel, PAYMENT_STATUS_LABELS[o.status]?.labelEn),
    fulfilment: (o: PaymentOrder) => pick(o.fulfilmentLabel, FULFILMENT_STATUS_LABELS[o.fulfilment]?.labelEn),
    channel: (o: PaymentOrder) =>
      o.channel
        ? pick(o.channelName ?? PAYMENT_CHANNEL_NAMES[o.channel].name, PAYMENT_CHANNEL_NAMES[o.channel].nameEn)
        : null,
  };
}

export function StatusTag({ order, testId }: { order: PaymentOrder; testId?: string }) {
  const text = useStatusText();
  return (
    <Tag
      color={PAYMENT_STATUS_COLOR[order.status] ?? 'default'}
      fill="outline"
      className="case-tag"
      data-status={order.status}
      data-testid={testId}
    >
      {text.status(order)}
    </Tag>
  );
}

/** ¥86.45, large. */
export function Amount({ fen, testId }: { fen: number; testId?: string }) {
  return (
    <span className="pay-amount" data-testid={testId}>
      {formatFen(fen)}
    </span>
  );
}

/** 支付订单号 with a copy button (the number the payee and the provider know the payment by). */
export function OrderNumber({ value, testId = 'order-number' }: { value: string; testId?: string }) {
  const { t } = useLocale();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      Toast.show({ content: t('payments.copied') });
    } catch {
      Toast.show({ content: t('payments.copyFailed') });
    }
  };
  return (
    <span className="case-number">
      <span className="case-number-value" data-testid={testId}>
        {value}
      </span>
      <button type="button" className="case-copy" onClick={copy} aria-label={`${t('payments.copy')} ${value}`}>
        {t('payments.copy')}
      </button>
    </span>
  );
}

/** A link drawn as a large button (primary, or the default outline). */
export function ButtonLink({
  to,
  primary = false,
  replace,
  testId,
  children,
}: {
  to: string;
  primary?: boolean;
  replace?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Link
      to={to}
      replace={replace}
      className={`adm-button adm-button-${primary ? 'primary' : 'default'} adm-button-block adm-button-large adm-button-shape-default${primary ? ' state-link' : ''}`}
      data-testid={testId}
    >
      {children}
    </Link>
  );
}

/** An app path the server gave (returnPath): a path of this app only, never another site. */
export function appPath(path: string | null | undefined, fallback = '/me/payments'): string {
  if (!path?.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback;
  return path;
}

/**
 * Moves the focus to `ref` when `key` changes to a truthy value (a new state of the page: read it first).
 * `preventScroll`: the state is the page itself (it starts at the top), so the focus does not scroll it under
 * the sticky header.
 */
export function useFocusOn<T extends HTMLElement = HTMLElement>(
  key: unknown,
  { preventScroll = false }: { preventScroll?: boolean } = {},
): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  useEffect(() => {
    if (key) ref.current?.focus({ preventScroll });
  }, [key, preventScroll]);
  return ref;
}
