import { APPLICATION_FORMS, ATTACHMENT_MAX_BYTES, ERROR_CODES } from '@yss/contracts';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem, apiRequest } from '../api/client';
import { en } from '../i18n/en';
import { zh } from '../i18n/zh';
import { clearDraft, draftKey, forgetDrafts, readDraft, saveDraft } from './apply-drafts';
import { APPLY_ONLINE, appliesOnline, PROGRESS_ROUTES } from './apply-services';
import {
  attachmentIds,
  formForSubmit,
  newSubmissionId,
  placeProblem,
  prepareUpload,
  SHRINK_ABOVE_BYTES,
  validateForm,
} from './cases';
import { TOOL_ROUTES } from './tools';

const form = APPLICATION_FORMS['wufanzui-jilu-zhengming'];
if (!form) throw new Error('the form is in the contracts');

describe('the services that take applications online', () => {
  it('are exactly those of APPLICATION_FORMS, with their progress queries', () => {
    expect(Object.keys(APPLY_ONLINE).sort()).toEqual(Object.keys(APPLICATION_FORMS).sort());
    for (const [id, f] of Object.entries(APPLICATION_FORMS)) {
      expect(APPLY_ONLINE[id]?.progressServiceId).toBe(f.progressServiceId);
      expect(appliesOnline(id)).toBe(true);
    }
    expect(appliesOnline('shebao-jiaofei-mingxi')).toBe(false);
    expect(appliesOnline('toString')).toBe(false);
    expect(PROGRESS_ROUTES['wufanzui-jilu-zhengming-jindu']).toBe('/cases?service=wufanzui-jilu-zhengming');
    expect(TOOL_ROUTES['wufanzui-jilu-zhengming-jindu']).toBe('/cases?service=wufanzui-jilu-zhengming');
  });
});

describe('the form', () => {
  it('sends the fields shown, trimmed, without empty or hidden answers', () => {
    expect(
      formForSubmit(form, { purpose: 'employment', purposeDetail: '留下的', receivingUnit: ' 某公司 ', workUnit: '' }),
    ).toEqual({ purpose: 'employment', receivingUnit: '某公司' });
    expect(formForSubmit(form, { purpose: 'other', purposeDetail: '签证' })).toEqual({
      purpose: 'other',
      purposeDetail: '签证',
    });
  });

  it('is checked with the form’s own schema and Chinese messages, one per field', () => {
    expect(validateForm(form, {})).toEqual({
      purpose: '请选择开具用途',
      receivingUnit: '请填写使用单位（证明提交给哪个单位）',
      residenceAddress: '请填写现居住地址',
    });
    expect(validateForm(form, { purpose: 'other', receivingUnit: 'x', residenceAddress: 'y' })).toEqual({
      purposeDetail: '用途选择“其他”时，请填写具体用途',
    });
    expect(validateForm(form, { purpose: 'study', receivingUnit: 'x'.repeat(101), residenceAddress: 'y' })).toEqual({
      receivingUnit: '使用单位不能超过100个字',
    });
    expect(validateForm(form, { purpose: 'study', receivingUnit: 'x', residenceAddress: 'y' })).toEqual({});
  });
});

describe('server problems', () => {
  const p = (code: string, detail: string, errors: { path: string; message: string }[] = []) =>
    new ApiProblem({ status: 400, code, title: detail, detail, errors });

  it('go by the field or slot their path names', () => {
    expect(
      placeProblem(
        p('APPLICATION_FORM_INVALID', '申请信息有误', [
          { path: 'form.receivingUnit', message: '使用单位不能超过100个字' },
          { path: '/body/form/residenceAddress', message: '请填写现居住地址' },
          { path: 'attachments.id-card', message: '请上传身份证' },
        ]),
        form,
        {},
      ),
    ).toEqual({
      fields: { receivingUnit: '使用单位不能超过100个字', residenceAddress: '请填写现居住地址' },
      slots: { 'id-card': '请上传身份证' },
      general: null,
    });
  });

  it('ATTACHMENT_REQUIRED without a path goes to the required slots still empty; others above the button', () => {
    expect(placeProblem(p('ATTACHMENT_REQUIRED', '请上传所需材料'), form, {})).toEqual({
      fields: {},
      slots: { 'id-card': '请上传所需材料' },
      general: null,
    });
    expect(placeProblem(p('SERVICE_NOT_IN_CITY', '该服务暂不支持深圳'), form, {})).toEqual({
      fields: {},
      slots: {},
      general: '该服务暂不支持深圳',
    });
  });
});

describe('files before uploading', () => {
  const file = (size: number, name: string, type: string) => new File([new Uint8Array(size)], name, { type });

  it('sends a PDF as it is and refuses one over 5 MB with the server’s words', async () => {
    const pdf = file(1000, 'a.pdf', 'application/pdf');
    expect(await prepareUpload(pdf)).toEqual({ body: pdf, contentType: 'application/pdf', name: 'a.pdf' });
    expect(await prepareUpload(file(ATTACHMENT_MAX_BYTES + 1, 'b.pdf', 'application/pdf'))).toEqual({
      error: 'tooLarge',
    });
    expect(zh.cases.slot.tooLarge).toBe(ERROR_CODES.ATTACHMENT_TOO_LARGE.title);
    expect(zh.cases.slot.type).toBe(ERROR_CODES.ATTACHMENT_TYPE_NOT_ALLOWED.title);
    expect(en.cases.slot.tooLarge).toMatch(/5 MB/);
  });

  it('shrinks photos to a JPEG (name and type follow), keeps small ones, refuses other types', async () => {
    const big = file(SHRINK_ABOVE_BYTES + 10, 'IMG_0001.HEIC', 'image/heic');
    const jpeg = new Blob([new Uint8Array(300_000)], { type: 'image/jpeg' });
    const shrink = vi.fn(async () => jpeg);
    expect(await prepareUpload(big, shrink)).toEqual({ body: jpeg, contentType: 'image/jpeg', name: 'IMG_0001.jpg' });
    const small = file(1000, 'a.png', 'image/png');
    expect(await prepareUpload(small, async () => null)).toEqual({
      body: small,
      contentType: 'image/png',
      name: 'a.png',
    });
    expect(await prepareUpload(file(10, 'a.heic', 'image/heic'), async () => null)).toEqual({ error: 'type' });
    expect(await prepareUpload(file(10, 'a.docx', 'application/msword'), shrink)).toEqual({ error: 'type' });
  });

  it('gives only the finished uploads by slot, and a fresh UUID per form', () => {
    const attachment = {
      id: 'x',
      name: 'a',
      contentType: 'image/jpeg' as const,
      size: 1,
      slot: null,
      uploadedAt: '2026-11-27T00:00:00.000Z',
    };
    expect(
      attachmentIds({
        'id-card': [
          { key: '1', name: 'a', size: 1, contentType: 'image/jpeg', status: 'done', attachment },
          { key: '2', name: 'b', size: 1, contentType: 'image/jpeg', status: 'uploading' },
        ],
        supporting: [{ key: '3', name: 'c', size: 1, contentType: 'image/jpeg', status: 'failed' }],
      }),
    ).toEqual({ 'id-card': ['x'] });
    expect(newSubmissionId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newSubmissionId()).not.toBe(newSubmissionId());
  });
});

describe('the API client for files', () => {
  it('sends a raw body with its own content type and headers, and reads a file answer as a Blob', async () => {
    const fetchImpl = vi.fn(
      async (_url: string, _init?: RequestInit) =>
        new Response(new Uint8Array([1, 2, 3]), { status: 200, headers: { 'content-type': 'image/png' } }),
    );
    const body = new Blob([new Uint8Array([9])], { type: 'image/png' });
    const blob = await apiRequest<Blob>(
      '/x',
      {
        method: 'POST',
        raw: { body, contentType: 'image/png' },
        headers: { 'x-file-name': 'a%20b.png' },
        responseType: 'blob',
      },
      fetchImpl,
    );
    expect(blob.size).toBe(3);
    const init = fetchImpl.mock.calls[0]?.[1];
    expect(init?.body).toBe(body);
    expect(init?.headers).toMatchObject({ 'Content-Type': 'image/png', 'x-file-name': 'a%20b.png' });
  });

  it('still turns a problem+json answer of a file request into an ApiProblem', async () => {
    const fetchImpl = async () =>
      new Response(JSON.stringify({ code: 'ATTACHMENT_NOT_FOUND', title: '找不到该材料', status: 404 }), {
        status: 404,
        headers: { 'content-type': 'application/problem+json' },
      });
    await expect(apiRequest('/x', { responseType: 'blob' }, fetchImpl)).rejects.toMatchObject({
      code: 'ATTACHMENT_NOT_FOUND',
      userMessage: '找不到该材料',
    });
  });
});

describe('drafts', () => {
  it('keep one submissionId per filled-in form until submitted, per account, and are forgotten on logout', () => {
    const key = draftKey('acc-1', 'wufanzui-jilu-zhengming');
    const draft = readDraft(key);
    saveDraft(key, { ...draft, step: 2, values: { purpose: 'study' } });
    expect(readDraft(key)).toMatchObject({ step: 2, values: { purpose: 'study' }, submissionId: draft.submissionId });
    expect(readDraft(draftKey('acc-2', 'wufanzui-jilu-zhengming')).step).toBe(0);
    clearDraft(key);
    expect(readDraft(key).submissionId).not.toBe(draft.submissionId);
    saveDraft(key, draft);
    forgetDrafts();
    expect(readDraft(key).values).toEqual({});
  });
});
