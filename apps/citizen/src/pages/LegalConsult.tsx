import { LEGAL_CONSULT_ROOT, LEGAL_CONSULT_TREE } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Page } from '../components/Page';
import { useLocale } from '../i18n/localize';
import { LINKED_SERVICES } from './legal-shared';
import './legal.css';

/**
 * 进入问诊 (G3): the guided consultation on marriage and family. A question at a time (the tree is data in the
 * contracts), then the answer with its legal basis and the services to go on with (立即咨询, 法律援助申请 …).
 */
export default function LegalConsult() {
  const { t, pick, isEn } = useLocale();
  const [path, setPath] = useState<string[]>([LEGAL_CONSULT_ROOT]);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const node = LEGAL_CONSULT_TREE[path.at(-1) ?? LEGAL_CONSULT_ROOT];
  // Each step moves the focus to its heading, so a screen reader reads the new question or the answer.
  useEffect(() => {
    if (path.length > 1) headingRef.current?.focus();
  }, [path]);
  if (!node) return null;
  const isAnswer = Boolean(node.answer);
  const chosen = path.slice(1).map((id, i) => {
    const parent = LEGAL_CONSULT_TREE[path[i] ?? ''];
    const option = parent?.options?.find((o) => o.next === id);
    return option ? pick(option.label, option.labelEn) : id;
  });

  return (
    <Page title={t('legal.consult.title')}>
      <p className="card legal-muted">{t('legal.consult.intro')}</p>
      {chosen.length > 0 && (
        <p className="legal-muted" data-testid="consult-path">
          {chosen.join(' › ')}
        </p>
      )}
      <section className="card" aria-labelledby={headingId}>
        {!isAnswer ? (
          <>
            <h2 id={headingId} ref={headingRef} tabIndex={-1} data-testid="consult-question">
              {pick(node.question ?? '', node.questionEn)}
            </h2>
            <div className="legal-options">
              {node.options?.map((o) => (
                <Button
                  key={o.next}
                  className="legal-option"
                  color="primary"
                  fill="outline"
                  onClick={() => setPath([...path, o.next])}
                >
                  {pick(o.label, o.labelEn)}
                </Button>
              ))}
            </div>
          </>
        ) : (
          <div className="legal-answer" data-testid="consult-answer">
            <h2 id={headingId} ref={headingRef} tabIndex={-1}>
              {chosen.at(-1)}
            </h2>
            {node.urgent && (
              <p className="legal-urgent" role="alert">
                {t('legal.consult.urgent')}
              </p>
            )}
            {pick(node.answer ?? [], node.answerEn).map((p) => (
              <p key={p}>{p}</p>
            ))}
            {node.basis && (
              <p className="legal-basis">
                {t('legal.consult.basis')}
                {t('common.colon')}
                {pick(node.basis, node.basisEn)}
              </p>
            )}
            {node.actions && node.actions.length > 0 && (
              <>
                <h3 className="legal-step-title">{t('legal.consult.next')}</h3>
                <div className="legal-actions">
                  {node.actions.map((id) => (
                    <Link
                      key={id}
                      to={`/services/${encodeURIComponent(id)}`}
                      className="adm-button adm-button-primary adm-button-fill-outline adm-button-shape-default"
                      data-testid={`consult-action-${id}`}
                    >
                      {isEn ? LINKED_SERVICES[id]?.en : LINKED_SERVICES[id]?.zh}
                    </Link>
                  ))}
                </div>
              </>
            )}
            <p className="legal-muted">{t('legal.consult.disclaimer')}</p>
          </div>
        )}
        <div className="legal-actions">
          {path.length > 1 && (
            <Button fill="none" color="primary" onClick={() => setPath(path.slice(0, -1))}>
              {t('legal.consult.back')}
            </Button>
          )}
          {isAnswer && (
            <Button fill="none" color="primary" onClick={() => setPath([LEGAL_CONSULT_ROOT])}>
              {t('legal.consult.restart')}
            </Button>
          )}
        </div>
      </section>
    </Page>
  );
}
