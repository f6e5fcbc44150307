import { type CatalogEntry, type ConsoleFaq, CreateFaqInput, type StaffGrant, UpdateFaqInput } from '@yss/contracts';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useMemo, useState } from 'react';
import { api, errorText } from '../api';
import { citiesOf } from '../grants';

/** The platform's operator (广东省政务服务数据管理局): its FAQs may be about any department's services. */
const PLATFORM_DEPARTMENT_ID = 'gd-government-services-data';
const PROVINCE = 'province';

interface Props {
  grants: StaffGrant[];
  services: CatalogEntry[];
  /** The FAQ edited; none: a new one. */
  faq?: ConsoleFaq;
  onClose(): void;
  onSaved(faq: ConsoleFaq): void;
}

/**
 * 新增 / 编辑常见问题. A new FAQ belongs to one of the staff member's departments and to one of that grant's cities
 * (全省 with a province-wide grant); its services must be that department's. Checked with the contract's schema,
 * then by the server, whose words are shown.
 */
export function FaqFormModal({ grants, services, faq, onClose, onSaved }: Props) {
  const departments = useMemo(() => {
    const seen = new Map<string, string>();
    for (const g of grants) seen.set(g.departmentId, g.departmentName);
    return [...seen.entries()].map(([value, label]) => ({ value, label }));
  }, [grants]);
  const [departmentId, setDepartmentId] = useState(faq?.departmentId ?? departments[0]?.value ?? '');
  const scopes = useMemo(() => {
    const own = grants.filter((g) => g.departmentId === departmentId);
    const province = own.some((g) => g.cityCode === null);
    return [...(province ? [{ value: PROVINCE, label: '全省' }] : []), ...citiesOf(own)];
  }, [grants, departmentId]);
  const [chosenScope, setScope] = useState<string | undefined>(faq ? (faq.cityCode ?? PROVINCE) : undefined);
  const scope = scopes.some((s) => s.value === chosenScope) ? chosenScope : scopes[0]?.value;
  const [question, setQuestion] = useState(faq?.question ?? '');
  const [answer, setAnswer] = useState(faq?.answer ?? '');
  const [questionEn, setQuestionEn] = useState(faq?.questionEn ?? '');
  const [answerEn, setAnswerEn] = useState(faq?.answerEn ?? '');
  const [serviceIds, setServiceIds] = useState<string[]>(faq?.services.map((s) => s.id) ?? []);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const serviceOptions = useMemo(
    () =>
      services
        .filter((s) => departmentId === PLATFORM_DEPARTMENT_ID || s.departmentId === departmentId)
        .map((s) => ({ value: s.id, label: s.name })),
    [services, departmentId],
  );

  const submit = async () => {
    const text = { question, answer, questionEn, answerEn, serviceIds };
    const checked = faq
      ? UpdateFaqInput.safeParse({ ...text, version: faq.version })
      : CreateFaqInput.safeParse({ ...text, departmentId, cityCode: scope === PROVINCE ? null : (scope ?? '') });
    if (!checked.success) {
      const errors: Record<string, string> = {};
      for (const issue of checked.error.issues) errors[String(issue.path[0])] ??= issue.message;
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    setProblem(null);
    setSaving(true);
    try {
      const saved = faq
        ? await api<ConsoleFaq>('PUT', `/api/v1/console/faqs/${encodeURIComponent(faq.id)}`, checked.data)
        : await api<ConsoleFaq>('POST', '/api/v1/console/faqs', checked.data);
      onSaved(saved);
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  const item = (name: string, label: string, required = false) => ({
    label,
    htmlFor: `faq-${name}`,
    required,
    validateStatus: fieldErrors[name] ? ('error' as const) : undefined,
    help: fieldErrors[name],
  });

  return (
    <Modal
      open
      width={640}
      title={faq ? '编辑常见问题' : '新增常见问题'}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: saving, 'data-testid': 'faq-save' }}
      onOk={() => void submit()}
      onCancel={onClose}
      maskClosable={!saving}
      closable={{ 'aria-label': '关闭' }}
    >
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={problem}
          style={{ marginBottom: 16 }}
          data-testid="faq-form-error"
        />
      )}
      <Form layout="vertical" component="div">
        {!faq && (
          <>
            <Form.Item {...item('departmentId', '所属部门', true)}>
              <Select
                id="faq-departmentId"
                data-testid="faq-department"
                options={departments}
                value={departmentId}
                onChange={(v) => {
                  setDepartmentId(v);
                  setServiceIds([]);
                  setScope(undefined);
                }}
              />
            </Form.Item>
            <Form.Item {...item('cityCode', '适用范围', true)}>
              <Select id="faq-cityCode" data-testid="faq-scope" options={scopes} value={scope} onChange={setScope} />
            </Form.Item>
          </>
        )}
        <Form.Item {...item('question', '问题', true)}>
          <Input
            id="faq-question"
            data-testid="faq-question"
            maxLength={100}
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
          />
        </Form.Item>
        <Form.Item {...item('answer', '回答', true)}>
          <Input.TextArea
            id="faq-answer"
            data-testid="faq-answer"
            rows={4}
            maxLength={2000}
            showCount
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
          />
        </Form.Item>
        <Form.Item {...item('serviceIds', '关联事项（在这些事项的页面显示）')}>
          <Select
            id="faq-serviceIds"
            data-testid="faq-services"
            mode="multiple"
            optionFilterProp="label"
            options={serviceOptions}
            value={serviceIds}
            onChange={setServiceIds}
            placeholder="可不选"
          />
        </Form.Item>
        <Form.Item {...item('questionEn', '英文问题（可不填，不填时英文版显示中文）')}>
          <Input
            id="faq-questionEn"
            maxLength={300}
            value={questionEn}
            onChange={(e) => setQuestionEn(e.target.value)}
          />
        </Form.Item>
        <Form.Item {...item('answerEn', '英文回答（可不填）')}>
          <Input.TextArea
            id="faq-answerEn"
            rows={2}
            maxLength={4000}
            value={answerEn}
            onChange={(e) => setAnswerEn(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
