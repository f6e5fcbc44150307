import Input, { type InputProps, type InputRef } from 'antd-mobile/es/components/input';
import { useEffect, useRef } from 'react';

type AriaOfInput = { 'aria-invalid'?: boolean | 'true' | 'false'; 'aria-describedby'?: string };

/**
 * antd-mobile Input whose test id, required state, aria-invalid and aria-describedby sit on the native <input>
 * itself, where tests type and screen readers look. antd-mobile passes aria-* props to its wrapper <div>, where a
 * screen reader never reads them with the field (so an error linked by aria-describedby went unannounced).
 */
export function TextField({
  testId,
  required,
  'aria-invalid': ariaInvalid,
  'aria-describedby': ariaDescribedBy,
  ...props
}: InputProps & { testId?: string; required?: boolean } & AriaOfInput) {
  const ref = useRef<InputRef>(null);
  useEffect(() => {
    const el = ref.current?.nativeElement;
    if (!el) return;
    setOrRemove(el, 'data-testid', testId);
    setOrRemove(el, 'aria-required', required ? 'true' : undefined);
    setOrRemove(el, 'aria-invalid', ariaInvalid === true || ariaInvalid === 'true' ? 'true' : undefined);
    setOrRemove(el, 'aria-describedby', ariaDescribedBy);
  }, [testId, required, ariaInvalid, ariaDescribedBy]);
  return <Input ref={ref} {...props} className={['text-field', props.className].filter(Boolean).join(' ')} />;
}

function setOrRemove(el: HTMLElement, name: string, value: string | undefined) {
  if (value) el.setAttribute(name, value);
  else el.removeAttribute(name);
}
