import NumberKeyboard from 'antd-mobile/es/components/number-keyboard';
import PasscodeInput, { type PasscodeInputRef } from 'antd-mobile/es/components/passcode-input';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export const PIN_LENGTH = 6;

/** The nearest ancestor that scrolls (a bottom sheet), else the page. */
function scrollParent(el: HTMLElement): Element {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const { overflowY } = getComputedStyle(p);
    if ((overflowY === 'auto' || overflowY === 'scroll') && p.scrollHeight > p.clientHeight) return p;
  }
  return document.scrollingElement ?? document.documentElement;
}

/** Scrolls so that `el` (the cells and their messages) ends above the on-screen keyboard. */
function keepAboveKeyboard(el: HTMLElement) {
  const keyboard = document.querySelector('.adm-number-keyboard-popup .adm-popup-body');
  const keyboardTop = keyboard ? keyboard.getBoundingClientRect().top : window.innerHeight - 260;
  const rect = el.getBoundingClientRect();
  const parent = scrollParent(el);
  const isPage = parent === document.scrollingElement || parent === document.documentElement;
  const topLimit = isPage ? 64 : parent.getBoundingClientRect().top + 8;
  const overlap = rect.bottom + 12 - keyboardTop;
  const room = rect.top - topLimit;
  const by = Math.min(overlap, room);
  if (by > 0) (isPage ? window : parent).scrollBy({ top: by, behavior: 'smooth' });
}

/**
 * 6-digit 支付密码 entry: antd-mobile PasscodeInput with its on-screen NumberKeyboard (no system keyboard, no
 * digits shown). A physical keyboard works too (digits, Backspace), for desktop and keyboard-only users.
 * While the on-screen keyboard is open, a spacer of its height keeps the cells and `footer` above it.
 */
export function PinInput({
  value,
  onChange,
  onFill,
  label,
  testId = 'pin-input',
  error = false,
  autoFocus = false,
  disabled = false,
  footer,
}: {
  value: string;
  onChange: (value: string) => void;
  onFill?: (value: string) => void;
  label: string;
  testId?: string;
  error?: boolean;
  autoFocus?: boolean;
  disabled?: boolean;
  /** Messages under the cells (errors, hints): kept above the on-screen keyboard. */
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<PasscodeInputRef>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const closeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const countId = useId();
  const contentRef = useRef<HTMLDivElement>(null);

  // When the keyboard opens, or a message appears under the cells, keep them in sight above the keyboard
  // (after antd-mobile's own scroll, which centres the cells and may leave them under it in a sheet).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `error` adds a message below the cells
  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => contentRef.current && keepAboveKeyboard(contentRef.current), 450);
    return () => clearTimeout(timer);
  }, [open, error]);

  useEffect(() => () => clearTimeout(closeTimer.current), []);
  // The spacer goes a moment after the keyboard: removing it at once would shorten the page under a finger
  // that is tapping something else (a tap = press on one element, release on another: no click).
  const keyboardShown = (shown: boolean) => {
    clearTimeout(closeTimer.current);
    if (shown) setOpen(true);
    else closeTimer.current = setTimeout(() => setOpen(false), 350);
  };

  // The component's hidden native <input> is never used with the on-screen keyboard: take it out of the focus
  // order so that it is neither a focus trap nor a focusable element hidden from screen readers.
  useEffect(() => {
    const input = wrapRef.current?.querySelector<HTMLInputElement>('input');
    if (input) {
      input.tabIndex = -1;
      input.disabled = true;
    }
  }, []);

  useEffect(() => {
    if (!autoFocus) return;
    const timer = setTimeout(() => ref.current?.focus(), 150);
    return () => clearTimeout(timer);
  }, [autoFocus]);

  const set = (next: string) => {
    if (disabled) return;
    onChange(next.replace(/\D/g, '').slice(0, PIN_LENGTH));
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: forwards physical key presses to the focused passcode cells.
    <div
      ref={wrapRef}
      className={`pin-input${disabled ? ' disabled' : ''}`}
      onKeyDown={(event) => {
        if (event.ctrlKey || event.metaKey || event.altKey) return;
        if (/^\d$/.test(event.key)) {
          event.preventDefault();
          if (value.length < PIN_LENGTH) set(value + event.key);
        } else if (event.key === 'Backspace') {
          event.preventDefault();
          set(value.slice(0, -1));
        } else if (event.key === 'Escape') {
          ref.current?.blur();
        }
      }}
      onPaste={(event) => {
        const text = event.clipboardData.getData('text');
        if (/^\s*\d{6}\s*$/.test(text)) {
          event.preventDefault();
          set(text.trim());
        }
      }}
    >
      <div ref={contentRef}>
        <PasscodeInput
          ref={ref}
          length={PIN_LENGTH}
          value={value}
          onChange={set}
          onFill={onFill}
          error={error}
          seperated
          aria-label={label}
          aria-describedby={countId}
          aria-invalid={error || undefined}
          data-testid={testId}
          onFocus={() => keyboardShown(true)}
          onBlur={() => keyboardShown(false)}
          keyboard={<NumberKeyboard showCloseButton safeArea />}
        />
        <span id={countId} className="visually-hidden" aria-live="polite">
          {t('pin.entered', { count: value.length, total: String(PIN_LENGTH) })}
        </span>
        {footer}
      </div>
      {open && <div className="pin-keyboard-spacer" aria-hidden="true" />}
    </div>
  );
}
