import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../api/client';
import { fieldErrorsOf } from './errors';

const problem = (errors: { path: string; message: string }[]) =>
  new ApiProblem({ status: 400, code: 'VALIDATION_FAILED', title: '输入有误', detail: '请检查', errors });

describe('fieldErrorsOf', () => {
  it('puts each server error on the field its path ends with, the first message per field', () => {
    const e = problem([
      { path: 'body.amount', message: '请输入金额' },
      { path: 'delivery.email', message: '邮箱格式不正确' },
      { path: '/cardNumber', message: '卡号不正确' },
      { path: 'body.amount', message: '第二条' },
    ]);
    expect(fieldErrorsOf(e, ['amount', 'email', 'cardNumber'] as const)).toEqual({
      amount: '请输入金额',
      email: '邮箱格式不正确',
      cardNumber: '卡号不正确',
    });
  });

  it('ignores fields the page does not have, near-miss names and anything that is not a problem', () => {
    const e = problem([
      { path: 'body.contactPhone', message: 'x' },
      { path: 'body.other', message: 'y' },
    ]);
    expect(fieldErrorsOf(e, ['phone'] as const)).toEqual({});
    expect(fieldErrorsOf(new Error('boom'), ['phone'] as const)).toEqual({});
  });
});
