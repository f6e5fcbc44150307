import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Icon } from './icons';

/** Sets the tab title ("服务详情 - 粤省事"). */
export function useDocumentTitle(title: string | undefined) {
  const { t } = useTranslation();
  useEffect(() => {
    const app = t('app.name');
    document.title = title && title !== app ? `${title} - ${app}` : app;
  }, [title, t]);
}

/** Back to where the citizen came from; home when the page was opened directly (QR code, link). */
export function useGoBack() {
  const navigate = useNavigate();
  return () => {
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) navigate(-1);
    else navigate('/', { replace: true });
  };
}

/**
 * A page: a sticky NavBar (with a back button unless `root`) and the <main> landmark.
 * The NavBar title is the page's h1 unless the page renders its own (`ownHeading`).
 */
export function Page({
  title,
  root = false,
  ownHeading = false,
  right,
  children,
  className,
  docTitle,
}: {
  title: string;
  root?: boolean;
  ownHeading?: boolean;
  right?: ReactNode;
  children: ReactNode;
  className?: string;
  docTitle?: string;
}) {
  const { t } = useTranslation();
  const goBack = useGoBack();
  useDocumentTitle(docTitle ?? title);
  const heading = ownHeading ? <span className="nav-title">{title}</span> : <h1 className="nav-title">{title}</h1>;
  return (
    <>
      {/* antd-mobile's NavBar wraps its left slot in a role="button" div, which nests our back button inside
          another control (axe: nested-interactive). Same look, plain markup. */}
      <header className="page-header">
        <div className="nav-bar">
          <div className="nav-bar-side">
            {!root && (
              <button type="button" className="nav-back" onClick={goBack}>
                <Icon name="left" />
                <span className="nav-back-text">{t('common.back')}</span>
              </button>
            )}
          </div>
          <div className="nav-bar-title">{heading}</div>
          <div className="nav-bar-side nav-bar-right">{right}</div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className={['page-main', className].filter(Boolean).join(' ')}>
        {children}
      </main>
    </>
  );
}
