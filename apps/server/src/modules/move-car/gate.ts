import { SelfOnlyGate, type SelfOnlyGateDeps } from '../shared/index.js';

/** 一键移车 is made by the requester in person: logged in, freshly verified, real-named, never for someone else. */
export class MoveCarGate extends SelfOnlyGate {
  constructor(d: SelfOnlyGateDeps) {
    super(d, {
      forOthers: '一键移车仅限本人使用，不能为他人办理。',
      realNameRequired: '请先完成实名认证，再使用一键移车。',
    });
  }
}
