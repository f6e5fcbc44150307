import { describe, expect, it } from 'vitest';
import {
  APPLICATION_FORMS,
  allowedCaseActions,
  CASE_ACTIONS,
  CASE_STATUSES,
  CASE_WORKFLOW,
  ConsoleCaseActionInput,
  caseStatusLabel,
  caseStatusOf,
  caseTransition,
  displayFormValue,
  findApplicationForm,
  fulfilmentStateLabel,
  isFreeTextFormField,
  isSensitiveFormField,
} from './cases.js';

describe("the applicant's words for a status", () => {
  it('says 待领取 only where the result is collected in person', () => {
    const approved = (serviceId: string) =>
      caseStatusLabel('approved', findApplicationForm(serviceId)?.collection).label;
    expect(approved('wufanzui-jilu-zhengming')).toBe('审核通过，待领取');
    expect(approved('gaoling-jintie-shenqing')).toBe('审核通过');
    expect(approved('hunyin-dengji-jilu-zhengming')).toBe('审核通过，待寄送');
    expect(caseStatusLabel('approved', 'email')).toEqual({
      label: '审核通过，待发送',
      labelEn: 'Approved, to be e-mailed',
    });
    // the other statuses are the workflow's, whatever the collection
    for (const status of CASE_STATUSES.filter((s) => s !== 'approved')) {
      expect(caseStatusLabel(status, 'none')).toEqual(CASE_WORKFLOW[status]);
    }
  });

  it("names the department's write-back in its own verb", () => {
    expect(fulfilmentStateLabel('issued', undefined).label).toBe('已制发');
    expect(fulfilmentStateLabel('pending', '制发').label).toBe('制证中');
    expect(fulfilmentStateLabel('issued', '核准').label).toBe('已核准');
    expect(fulfilmentStateLabel('pending', '办理').label).toBe('办理中');
    expect(fulfilmentStateLabel('failed', '核发')).toEqual({ label: '核发失败', labelEn: 'Failed' });
  });
});

describe('the case workflow', () => {
  it('derives the status from the log of actions', () => {
    expect(caseStatusOf(['submit'])).toBe('submitted');
    expect(caseStatusOf(['submit', 'request_supplement', 'supplement', 'accept', 'approve', 'complete'])).toBe(
      'completed',
    );
    expect(caseStatusOf(['submit', 'accept', 'reject'])).toBe('rejected');
    expect(caseStatusOf(['submit', 'withdraw'])).toBe('withdrawn');
  });

  it('refuses logs the workflow does not allow', () => {
    expect(() => caseStatusOf([])).toThrow();
    expect(() => caseStatusOf(['accept'])).toThrow();
    expect(() => caseStatusOf(['submit', 'approve'])).toThrow(/approve/);
    expect(() => caseStatusOf(['submit', 'accept', 'withdraw'])).toThrow(/withdraw/);
    expect(() => caseStatusOf(['submit', 'withdraw', 'accept'])).toThrow();
  });

  it('ends in final statuses only, and every non-final status can move on', () => {
    for (const status of CASE_STATUSES) {
      const moves = Object.keys(CASE_WORKFLOW[status].next);
      expect(moves.length === 0, status).toBe(CASE_WORKFLOW[status].final);
      for (const action of CASE_ACTIONS)
        expect(caseTransition(status, action) === undefined).toBe(!moves.includes(action));
    }
  });

  it('splits the allowed actions by who takes them', () => {
    expect(allowedCaseActions('submitted', 'citizen')).toEqual(['withdraw']);
    expect(allowedCaseActions('submitted', 'staff')).toEqual(['accept', 'request_supplement', 'reject']);
    expect(allowedCaseActions('supplement_requested', 'citizen')).toEqual(['supplement', 'withdraw']);
    expect(allowedCaseActions('accepted', 'citizen')).toEqual([]);
    expect(allowedCaseActions('approved', 'staff')).toEqual(['complete']);
    expect(allowedCaseActions('completed', 'staff')).toEqual([]);
  });
});

describe('application forms', () => {
  const form = findApplicationForm('wufanzui-jilu-zhengming');

  it('are found by service id only', () => {
    expect(form?.title).toBe('无犯罪记录证明申请');
    expect(findApplicationForm('toString')).toBeUndefined();
    expect(findApplicationForm('unknown')).toBeUndefined();
  });

  it('check values with Chinese messages', () => {
    if (!form) throw new Error('form missing');
    const ok = form.schema.safeParse({
      purpose: 'employment',
      receivingUnit: ' 某公司 ',
      residenceAddress: '广州市天河区',
    });
    expect(ok.success && ok.data.receivingUnit).toBe('某公司');
    const other = form.schema.safeParse({ purpose: 'other', receivingUnit: 'a', residenceAddress: 'b' });
    expect(other.success).toBe(false);
    expect(other.error?.issues[0]?.message).toBe('用途选择“其他”时，请填写具体用途');
    const missing = form.schema.safeParse({ purpose: 'employment' });
    expect(missing.error?.issues.map((i) => i.message)).toContain('请填写使用单位（证明提交给哪个单位）');
    const extra = form.schema.safeParse({ purpose: 'employment', receivingUnit: 'a', residenceAddress: 'b', x: '1' });
    expect(extra.success).toBe(false);
  });

  it('name every field the schema knows, and their words', () => {
    for (const f of Object.values(APPLICATION_FORMS)) {
      expect(f.fields.some((field) => field.name === f.summaryField)).toBe(true);
      for (const field of f.fields) if (field.kind === 'select') expect(field.options?.length).toBeGreaterThan(0);
    }
    if (!form) throw new Error('form missing');
    expect(displayFormValue(form, 'purpose', 'abroad')).toBe('出国（境）');
    expect(displayFormValue(form, 'receivingUnit', '某公司')).toBe('某公司');
  });

  it('mark phone and ID number fields sensitive (masked until 显示), and nothing else', () => {
    const birth = findApplicationForm('chusheng-dengji');
    if (!birth) throw new Error('form missing');
    expect(['motherIdNumber', 'fatherIdNumber', 'phone'].every((f) => isSensitiveFormField(birth, f))).toBe(true);
    expect(isSensitiveFormField(birth, 'childName')).toBe(false);
    expect(isSensitiveFormField(birth, 'no-such-field')).toBe(false);
    for (const f of Object.values(APPLICATION_FORMS)) {
      for (const field of f.fields) {
        expect(isSensitiveFormField(f, field.name)).toBe(field.kind === 'phone' || field.kind === 'idNumber');
      }
    }
  });

  it('scan free text (text, textarea: 事实与理由, 随迁人员 …) for numbers, except a code marked not to be', () => {
    const move = Object.values(APPLICATION_FORMS).find((f) => f.fields.some((x) => x.label === '随迁人员'));
    const dependants = move?.fields.find((x) => x.label === '随迁人员');
    if (!move || !dependants) throw new Error('form missing');
    expect(isFreeTextFormField(move, dependants.name)).toBe(true);
    const labour = findApplicationForm('shenqing-zhongcai');
    if (!labour) throw new Error('form missing');
    expect(isFreeTextFormField(labour, 'facts')).toBe(true);
    expect(isFreeTextFormField(labour, 'employerUscc')).toBe(false);
    expect(isFreeTextFormField(labour, 'contactPhone')).toBe(false);
    expect(isFreeTextFormField(labour, 'disputeType')).toBe(false);
    for (const f of Object.values(APPLICATION_FORMS)) {
      for (const field of f.fields) {
        const free = (field.kind === 'text' || field.kind === 'textarea') && field.scanNumbers !== false;
        expect(isFreeTextFormField(f, field.name)).toBe(free);
      }
    }
  });
});

describe('console actions', () => {
  it('need a reason to reject or ask for more; a collection given on approval must be complete', () => {
    expect(ConsoleCaseActionInput.safeParse({ action: 'accept', version: 1 }).success).toBe(true);
    const reject = ConsoleCaseActionInput.safeParse({ action: 'reject', version: 2 });
    expect(reject.error?.issues[0]?.message).toBe('请填写不予办理的原因');
    // Whether approval needs a place and hours depends on the form (collected in person or not): the server
    // checks that against the case's form; the schema checks a given collection is complete.
    expect(ConsoleCaseActionInput.safeParse({ action: 'approve', version: 2 }).success).toBe(true);
    const half = ConsoleCaseActionInput.safeParse({
      action: 'approve',
      version: 2,
      collection: { place: '', hours: '工作日' },
    });
    expect(half.success).toBe(false);
    expect(
      ConsoleCaseActionInput.safeParse({
        action: 'approve',
        version: 2,
        collection: { place: '天河区公安分局户政窗口', hours: '工作日 9:00–17:00' },
      }).success,
    ).toBe(true);
  });
});
