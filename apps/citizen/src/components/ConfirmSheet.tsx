import Button from 'antd-mobile/es/components/button';
import Popup from 'antd-mobile/es/components/popup';
import { type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * The bottom sheet that confirms a step before it is taken (预约 a window, 缴费 a bill): a dialog named by its
 * heading, which takes the focus when it opens (a screen reader reads the title first); the facts as children;
 * the server's refusal in words under them; 取消 and the confirming button, both held while the step runs.
 * Giving the focus back on close is the page's (it knows which row opened the sheet).
 */
export function ConfirmSheet({
  open,
  title,
  busy,
  error,
  cancelLabel,
  submitLabel,
  submittingLabel,
  onClose,
  onConfirm,
  afterClose,
  bodyClassName = 'appt-sheet-body',
  testId,
  errorTestId,
  submitTestId,
  children,
}: {
  open: boolean;
  title: string;
  busy: boolean;
  /** The refusal of the last attempt (the server's Chinese detail), or null. */
  error: string | null;
  cancelLabel: string;
  submitLabel: string;
  submittingLabel: string;
  onClose(): void;
  onConfirm(): void;
  afterClose?: () => void;
  bodyClassName?: string;
  testId: string;
  errorTestId: string;
  submitTestId: string;
  children?: ReactNode;
}) {
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // preventScroll: focusing while the sheet slides in must not scroll its frame sideways
    if (open) headingRef.current?.focus({ preventScroll: true });
  }, [open]);
  return (
    <Popup
      visible={open}
      onMaskClick={onClose}
      onClose={onClose}
      showCloseButton={!busy}
      bodyClassName={bodyClassName}
      afterClose={afterClose}
    >
      {open && (
        <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="appt-sheet" data-testid={testId}>
          <h2 id={titleId} className="case-subheading appt-sheet-title" ref={headingRef} tabIndex={-1}>
            {title}
          </h2>
          {children}
          {error && (
            <p className="form-error" role="alert" data-testid={errorTestId}>
              {error}
            </p>
          )}
          <div className="case-nav appt-sheet-actions">
            <Button size="large" onClick={onClose} disabled={busy}>
              {cancelLabel}
            </Button>
            <Button
              color="primary"
              size="large"
              onClick={onConfirm}
              loading={busy}
              disabled={busy}
              data-testid={submitTestId}
            >
              {busy ? submittingLabel : submitLabel}
            </Button>
          </div>
        </div>
      )}
    </Popup>
  );
}
