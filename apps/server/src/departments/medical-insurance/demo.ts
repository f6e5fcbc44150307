import { demoPersonId } from '../social-insurance/demo.js';

/**
 * 开通医保支付 of the demo people insured in 广州 or 深圳 (null: not activated, whatever the random stream
 * says). 张伟 (广州, activated): his balance may be shown (B3). 刘芳 (广州, not activated): the page asks her
 * to activate first, and she can. 李娜 (深圳, activated): payment works but 深圳 does not offer the balance.
 * See docs/departments/medical-insurance.md.
 */
export const DEMO_ACTIVATIONS: ReadonlyMap<string, string | null> = new Map([
  [demoPersonId('张伟'), '2024-03-01T09:30:00+08:00'],
  [demoPersonId('李娜'), '2023-08-15T20:10:00+08:00'],
  [demoPersonId('刘芳'), null],
  [demoPersonId('张建国'), null],
  [demoPersonId('刘洋'), null],
  [demoPersonId('陈嘉欣'), null],
  [demoPersonId('张梓轩'), null],
]);
