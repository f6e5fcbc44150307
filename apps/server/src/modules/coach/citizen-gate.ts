import type { FastifyRequest } from 'fastify';
import { SelfOnlyGate, type SelfOnlyGateDeps } from '../shared/index.js';

export type CoachGateDeps = SelfOnlyGateDeps;

/** The catalog service the citizen's coach routes act under (长途车票查询购票). */
export const COACH_SERVICE_ID = 'changtuche-goupiao';

/**
 * The buyer's way in to 长途车 orders (the shared self-only gate): logged in, a fresh verification (orders carry
 * passengers' names and ID numbers), real-named, and for themself only — the buyer pays and follows their own
 * orders (the passengers are typed in), so `?for=` is refused (someone else's or an unknown delegation id: 404,
 * as on every personal route).
 */
export class CoachGate extends SelfOnlyGate {
  constructor(d: CoachGateDeps) {
    super(d, {
      forOthers: '长途车购票仅限本人账号办理和查看，不能代他人账号办理。',
      realNameRequired: '请先完成实名认证，再购买长途车票。',
    });
  }

  override open(req: FastifyRequest, what: string, forDelegation: string | undefined) {
    return super.open(req, what, forDelegation, COACH_SERVICE_ID);
  }
}
