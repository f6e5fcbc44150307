import { type ReactNode, useEffect, useRef } from 'react';

/**
 * Some antd-mobile widgets (Selector options, Collapse headers, SideBar items, Switch) are clickable <div>s or
 * <a>s without href: not reachable by keyboard and without a role. This wrapper makes the matching elements
 * focusable, gives them a role and state, and turns Enter/Space into a click. It watches the DOM, so the
 * widget keeps its own state.
 */
export function KeyboardAccess({
  selector,
  role,
  stateAttr,
  isOn,
  className,
  children,
}: {
  selector: string;
  role?: string;
  /** aria-expanded / aria-selected / aria-current, kept in step with `isOn`. */
  stateAttr?: 'aria-expanded' | 'aria-selected' | 'aria-current' | 'aria-pressed';
  isOn?: (el: Element) => boolean;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const isOnRef = useRef(isOn);
  isOnRef.current = isOn;

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const sync = () => {
      for (const el of root.querySelectorAll(selector)) {
        const disabled = (el.getAttribute('class') ?? '').includes('disabled');
        const tabIndex = disabled ? '-1' : '0';
        if (el.getAttribute('tabindex') !== tabIndex) el.setAttribute('tabindex', tabIndex);
        if (role && el.getAttribute('role') !== role) el.setAttribute('role', role);
        if (disabled && el.getAttribute('aria-disabled') !== 'true') el.setAttribute('aria-disabled', 'true');
        if (stateAttr && isOnRef.current) {
          const on = isOnRef.current(el);
          const value = stateAttr === 'aria-current' ? (on ? 'true' : null) : String(on);
          if (value === null) el.removeAttribute(stateAttr);
          else if (el.getAttribute(stateAttr) !== value) el.setAttribute(stateAttr, value);
        }
      }
    };
    sync();
    const observer = new MutationObserver(sync);
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, [selector, role, stateAttr]);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: delegates Enter/Space to the focusable children it marks up.
    <div
      ref={ref}
      className={className}
      onKeyDown={(event) => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        const target = event.target as Element;
        if (!target.matches(selector)) return;
        event.preventDefault();
        (target as HTMLElement).click();
      }}
    >
      {children}
    </div>
  );
}
