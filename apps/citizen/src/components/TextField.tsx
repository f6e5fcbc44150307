import Input, { type InputProps, type InputRef } from 'antd-mobile/es/components/input';
import { useEffect, useRef } from 'react';

/**
 * antd-mobile Input whose test id (and required state) sit on the native <input> itself, where tests type and
 * screen readers look, rather than on the wrapper <div>.
 */
export function TextField({ testId, required, ...props }: InputProps & { testId?: string; required?: boolean }) {
  const ref = useRef<InputRef>(null);
  useEffect(() => {
    const el = ref.current?.nativeElement;
    if (!el) return;
    if (testId) el.setAttribute('data-testid', testId);
    if (required) el.setAttribute('aria-required', 'true');
    else el.removeAttribute('aria-required');
  }, [testId, required]);
  return <Input ref={ref} {...props} className={['text-field', props.className].filter(Boolean).join(' ')} />;
}
