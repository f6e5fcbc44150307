import { FEEDBACK_CATEGORIES, FEEDBACK_MAX_LENGTH, type FeedbackInput, type FeedbackReceipt } from '@yss/contracts';
import Button from 'antd-mobile/es/components/button';
import Form from 'antd-mobile/es/components/form';
import Input from 'antd-mobile/es/components/input';
import Result from 'antd-mobile/es/components/result';
import type { SearchBarRef } from 'antd-mobile/es/components/search-bar';
import SearchBar from 'antd-mobile/es/components/search-bar';
import Selector from 'antd-mobile/es/components/selector';
import type { TextAreaRef } from 'antd-mobile/es/components/text-area';
import TextArea from 'antd-mobile/es/components/text-area';
import { useEffect, useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type ApiProblem, isApiProblem } from '../api/client';
import { api } from '../api/endpoints';
import { KeyboardAccess } from '../components/KeyboardAccess';
import { Page } from '../components/Page';
import { EmptyState, ErrorState, ListSkeleton, useProblemText } from '../components/States';
import { useApi, useDebounced } from '../hooks/use-api';
import { useLocale } from '../i18n/localize';
import { fieldOfPath } from '../lib/fields';
import { usePreferences } from '../state/preferences';
import { FaqCollapse } from './ServiceDetail';

type Category = (typeof FEEDBACK_CATEGORIES)[number];
type Values = { category: Category[]; content?: string; contact?: string };

/** Questions shown before "show all", so that the message form stays within reach. */
const FAQ_PREVIEW = 8;

function FaqSection() {
  const { t } = useLocale();
  const [params] = useSearchParams();
  const serviceId = params.get('serviceId') ?? undefined;
  const [text, setText] = useState('');
  const [showAll, setShowAll] = useState(false);
  const q = useDebounced(text.trim(), 250);
  const ref = useRef<SearchBarRef>(null);
  const headingId = useId();
  // the city's own FAQs (written by its 客服人员 in the console) come with the province-wide ones
  const { city } = usePreferences();
  const faqs = useApi(`faq:${city}:${q}:${q ? '' : (serviceId ?? '')}`, (signal) =>
    api.faq(q ? { q, city } : { serviceId, city }, { signal }),
  );

  useEffect(() => {
    ref.current?.nativeElement?.setAttribute('aria-label', t('faq.searchLabel'));
  });
  const expanded = showAll || q !== '';

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('faq.heading')}</h2>
      <search className="faq-search">
        <KeyboardAccess selector=".adm-input-clear" role="button">
          <SearchBar
            ref={ref}
            value={text}
            onChange={setText}
            placeholder={t('faq.searchPlaceholder')}
            maxLength={50}
            clearable
          />
        </KeyboardAccess>
      </search>
      {faqs.error ? (
        <ErrorState problem={faqs.error} onRetry={faqs.reload} />
      ) : faqs.loading ? (
        <ListSkeleton rows={4} />
      ) : (faqs.data ?? []).length === 0 ? (
        <EmptyState title={t('faq.empty')} />
      ) : (
        <>
          <FaqCollapse faqs={expanded ? (faqs.data ?? []) : (faqs.data ?? []).slice(0, FAQ_PREVIEW)} />
          {!expanded && (faqs.data ?? []).length > FAQ_PREVIEW && (
            <Button block fill="none" color="primary" className="faq-more" onClick={() => setShowAll(true)}>
              {t('faq.showAll', { count: (faqs.data ?? []).length })}
            </Button>
          )}
        </>
      )}
    </section>
  );
}

/** Selector with keyboard access, as a Form.Item control (receives value/onChange from the form). */
function CategorySelector({
  value,
  onChange,
  options,
  label,
}: {
  value?: Category[];
  onChange?: (value: Category[]) => void;
  options: Array<{ label: string; value: Category }>;
  label: string;
}) {
  return (
    <KeyboardAccess selector=".adm-selector-item">
      <Selector<Category>
        options={options}
        value={value}
        onChange={(v) => v.length > 0 && onChange?.(v)}
        aria-label={label}
        columns={2}
      />
    </KeyboardAccess>
  );
}

function FeedbackSection() {
  const { t, lang } = useLocale();
  const problemText = useProblemText();
  const { city } = usePreferences();
  const [params] = useSearchParams();
  const serviceId = params.get('serviceId') ?? undefined;
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [receipt, setReceipt] = useState<FeedbackReceipt | null>(null);
  const [failure, setFailure] = useState<{ message: string; fields: string[] } | null>(null);
  const headingId = useId();
  const contentRef = useRef<TextAreaRef>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = contentRef.current?.nativeElement;
    if (!el) return;
    el.setAttribute('data-testid', 'feedback-content');
    el.setAttribute('aria-required', 'true');
  });

  useEffect(() => {
    if (failure) errorRef.current?.focus();
  }, [failure]);

  const send = async (values: Values) => {
    setFailure(null);
    const input: FeedbackInput = {
      content: (values.content ?? '').trim(),
      category: values.category?.[0] ?? 'question',
      city,
      ...(values.contact?.trim() ? { contact: values.contact.trim() } : {}),
      ...(serviceId ? { serviceId } : {}),
    };
    setSubmitting(true);
    try {
      setReceipt(await api.feedback(input, { lang }));
      form.resetFields();
    } catch (error) {
      const problem: ApiProblem | null = isApiProblem(error) ? error : null;
      const message = problem ? problemText(problem) : t('errors.network');
      const fieldErrors = new Map<string, string[]>();
      for (const fe of problem?.errors ?? []) {
        const field = fieldOfPath(fe.path);
        if (field) fieldErrors.set(field, [...(fieldErrors.get(field) ?? []), fe.message]);
      }
      form.setFields([...fieldErrors].map(([name, errors]) => ({ name, errors })));
      setFailure({ message, fields: [...fieldErrors.values()].flat().filter((m) => m !== message) });
    } finally {
      setSubmitting(false);
    }
  };

  const invalid = (errorFields: Array<{ errors: string[] }>) =>
    setFailure({ message: t('feedback.fixFields'), fields: errorFields.flatMap((f) => f.errors) });

  if (receipt) {
    return (
      <section className="card" aria-labelledby={headingId}>
        <h2 id={headingId}>{t('feedback.heading')}</h2>
        <div data-testid="feedback-success" role="status" className="feedback-success">
          <Result
            status="success"
            title={t('feedback.successTitle')}
            description={
              <>
                <span className="receipt-message">{receipt.message || t('feedback.successBody')}</span>
                <span className="receipt-id">{t('feedback.receipt', { id: receipt.id })}</span>
              </>
            }
          />
          <Button color="primary" fill="outline" block onClick={() => setReceipt(null)}>
            {t('feedback.again')}
          </Button>
        </div>
      </section>
    );
  }

  const categoryOptions = FEEDBACK_CATEGORIES.map((c) => ({ label: t(`feedback.categories.${c}`), value: c }));

  return (
    <section className="card feedback-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('feedback.heading')}</h2>
      {failure && (
        <div className="feedback-error" data-testid="feedback-error" role="alert" tabIndex={-1} ref={errorRef}>
          <strong>{t('feedback.errorTitle')}</strong>
          <p>{failure.message}</p>
          {failure.fields.length > 0 && (
            <ul>
              {failure.fields.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <KeyboardAccess selector=".adm-input-clear" role="button">
        <Form
          form={form}
          name="feedback"
          layout="vertical"
          initialValues={{ category: ['question'] }}
          onFinish={send}
          onFinishFailed={({ errorFields }) => invalid(errorFields)}
          footer={
            <Button
              block
              type="submit"
              color="primary"
              size="large"
              loading={submitting}
              loadingText={t('feedback.submitting')}
              data-testid="feedback-submit"
            >
              {t('feedback.submit')}
            </Button>
          }
        >
          <Form.Item name="category" label={t('feedback.category')}>
            <CategorySelector options={categoryOptions} label={t('feedback.category')} />
          </Form.Item>
          <Form.Item
            name="content"
            label={t('feedback.content')}
            required
            rules={[
              { required: true, whitespace: true, message: t('feedback.contentRequired') },
              {
                validator: async (_rule, value?: string) => {
                  const length = (value ?? '').trim().length;
                  if (length > 0 && length < 5) throw new Error(t('feedback.contentTooShort'));
                  if (length > FEEDBACK_MAX_LENGTH) throw new Error(t('feedback.contentTooLong'));
                },
              },
            ]}
          >
            <TextArea
              ref={contentRef}
              placeholder={t('feedback.contentPlaceholder')}
              maxLength={FEEDBACK_MAX_LENGTH}
              showCount
              rows={5}
              autoSize={{ minRows: 5, maxRows: 10 }}
            />
          </Form.Item>
          <Form.Item
            name="contact"
            label={t('feedback.contact')}
            description={<span className="contact-note">{t('feedback.privacy')}</span>}
            rules={[{ max: 100, message: t('feedback.contactTooLong') }]}
          >
            <Input placeholder={t('feedback.contactPlaceholder')} maxLength={100} autoComplete="tel" clearable />
          </Form.Item>
        </Form>
      </KeyboardAccess>
    </section>
  );
}

/** 意见反馈 (个人中心 → 意见反馈): search the popular questions first, then leave a message. */
export default function Faq() {
  const { t } = useLocale();
  return (
    <Page title={t('faq.title')}>
      <p className="page-intro">{t('faq.intro')}</p>
      <FaqSection />
      <FeedbackSection />
    </Page>
  );
}
