import { COACH_SCAN_VERDICT_NAMES, COACH_TICKET_STATUS_LABELS, type CoachTicketScanResult } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';
import type { StaffService } from '../staff/index.js';
import { organisationOfAccount } from '../wallet-verifier/index.js';
import { gateClosed } from './present.js';
import * as repo from './repository.js';
import type { CoachTicketKeys } from './ticket-keys.js';

export interface CoachStationDeps {
  db: Db;
  coach: Departments['coach'];
  staff: StaffService;
  keys: CoachTicketKeys;
  now: () => Date;
}

type Verdict = CoachTicketScanResult['verdict'];
const STATION_ONLY = '仅客运站工作人员可以验票：该账号不是客运站的核验人员。';
const NOT_CONNECTED =
  '该客运站尚未接入联网售票系统，不能在线验票。请联系本市核验单位管理员在工作台“核验单位管理”中接入。';

/**
 * The station's side (验票, 上车): a staff session of a member of a verifier organisation of kind coach-station,
 * whose organisation is linked to a station of the ticketing system. Scanning checks the QR's signature and
 * lifetime, then the ticket's state; 验票 and 上车 are done at the ticketing system and mirrored here. Every scan
 * and action is audited with the ticket holder's account as subject (their 我的访问记录 shows it).
 */
export class CoachStationService {
  constructor(private readonly d: CoachStationDeps) {}

  async station(staffCookie: string | undefined, requestId: string) {
    const ctx = await this.d.staff.authenticate(staffCookie, requestId);
    if (ctx.passwordChangeRequired)
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '这是首次登录，请先在工作台修改初始密码后再继续。');
    const org = await organisationOfAccount(this.d.db, ctx.accountId);
    const stationId = org?.kind === 'coach-station' ? await repo.stationOfOrganisation(this.d.db, org.id) : undefined;
    if (!org || !stationId) {
      await this.d.staff.auditStaff(
        ctx.accountId,
        'access.denied.coach-station',
        'denied',
        { reason: org ? (org.kind === 'coach-station' ? 'station-not-linked' : 'not-a-station') : 'no-organisation' },
        requestId,
      );
      throw new AppError('COACH_STATION_ONLY', org?.kind === 'coach-station' ? NOT_CONNECTED : STATION_ONLY);
    }
    return { ctx, org, stationId };
  }

  /** 扫码: the code's signature and lifetime, then the ticket's state at this station. Never valid by default. */
  async scan(staffCookie: string | undefined, requestId: string, qr: string): Promise<CoachTicketScanResult> {
    const { ctx, org, stationId } = await this.station(staffCookie, requestId);
    const now = this.d.now();
    const checked = await this.d.keys.verify(qr, now);
    let result: CoachTicketScanResult;
    let ticket: repo.TicketWithOrder | undefined;
    if (!checked.ok)
      result = { verdict: checked.verdict, verdictName: COACH_SCAN_VERDICT_NAMES[checked.verdict], ticket: null };
    else {
      ticket = await repo.findTicket(this.d.db, checked.claims.tid);
      if (!ticket || ticket.ticket_number !== checked.claims.tno || ticket.order.departure_id !== checked.claims.dep) {
        ticket = undefined;
        result = { verdict: 'not-found', verdictName: COACH_SCAN_VERDICT_NAMES['not-found'], ticket: null };
      } else result = this.result(ticket, stationId, now);
    }
    await this.d.staff.auditStaff(
      ctx.accountId,
      'coach.station.scan',
      'success',
      {
        organisationId: org.id,
        stationId,
        verdict: result.verdict,
        ticketId: ticket?.id ?? null,
        ...what(ticket, '扫码验票'),
      },
      requestId,
      ticket?.order.account_id ?? null,
    );
    return result;
  }

  /** 验票 or 上车 at the ticketing system, for a ticket leaving from this station. */
  async act(
    action: 'check' | 'board',
    staffCookie: string | undefined,
    requestId: string,
    ticketId: string,
  ): Promise<CoachTicketScanResult> {
    const { ctx, org, stationId } = await this.station(staffCookie, requestId);
    const ticket = await repo.findTicket(this.d.db, ticketId);
    if (!ticket?.ticket_number) throw new AppError('COACH_TICKET_NOT_FOUND', '查无此票。');
    const audit = (result: 'success' | 'denied', detail: Record<string, unknown>) =>
      this.d.staff.auditStaff(
        ctx.accountId,
        `coach.station.${action}`,
        result,
        {
          organisationId: org.id,
          stationId,
          ticketId: ticket.id,
          ...detail,
          ...what(ticket, action === 'check' ? '验票' : '检票上车'),
        },
        requestId,
        ticket.order.account_id,
      );
    const answer = await this.d.coach.client[action]({ ticketNumber: ticket.ticket_number, stationId });
    if (answer.outcome === 'not-found') throw new AppError('COACH_TICKET_NOT_FOUND', '查无此票。');
    if (answer.outcome === 'wrong-station') {
      await audit('denied', { reason: 'wrong-station' });
      throw new AppError(
        'COACH_TICKET_ACTION_NOT_ALLOWED',
        `${COACH_SCAN_VERDICT_NAMES['wrong-station']}，不能在本站${action === 'check' ? '验票' : '上车'}。`,
      );
    }
    if (answer.outcome === 'not-allowed') {
      await audit('denied', { reason: answer.reason });
      throw new AppError('COACH_TICKET_ACTION_NOT_ALLOWED', answer.message);
    }
    const at = new Date(action === 'check' ? (answer.ticket.checkedAt as string) : (answer.ticket.boardedAt as string));
    await repo.updateTicket(
      this.d.db,
      ticket.id,
      action === 'check' ? { status: 'checked', checked_at: at } : { status: 'boarded', boarded_at: at },
    );
    await audit('success', {});
    const after = (await repo.findTicket(this.d.db, ticket.id)) as repo.TicketWithOrder;
    const result = this.result(after, stationId, this.d.now());
    // The action was done: the answer is the ticket after it (boarded reads as such, not as a second use).
    return action === 'board' ? { ...result, verdict: 'valid', verdictName: COACH_SCAN_VERDICT_NAMES.valid } : result;
  }

  private result(t: repo.TicketWithOrder, stationId: string, now: Date): CoachTicketScanResult {
    const d = t.order.departure;
    const verdict: Verdict =
      t.status === 'refunded'
        ? 'refunded'
        : t.status === 'void' || t.status === 'unpaid'
          ? 'void'
          : d.fromStation.id !== stationId
            ? 'wrong-station'
            : t.status === 'boarded'
              ? 'already-boarded'
              : gateClosed(d.departsAt, now)
                ? 'departed'
                : 'valid';
    return {
      verdict,
      verdictName: COACH_SCAN_VERDICT_NAMES[verdict],
      ticket: {
        id: t.id,
        ticketNumber: t.ticket_number ?? '',
        runNumber: d.runNumber,
        fromStationName: d.fromStation.name,
        toStationName: d.toStation.name,
        date: d.date,
        time: d.time,
        seat: t.seat,
        passengerNameMasked: t.passenger_name_masked,
        passengerIdLast4: t.passenger_id_number_masked.slice(-4),
        status: t.status,
        statusLabel: COACH_TICKET_STATUS_LABELS[t.status].label,
        canCheck: verdict === 'valid' && t.status === 'issued',
        canBoard: verdict === 'valid' && t.status === 'checked',
      },
    };
  }
}

/** The audit entry's words for 我的访问记录: which ticket, where. */
function what(t: repo.TicketWithOrder | undefined, action: string) {
  if (!t) return {};
  const d = t.order.departure;
  return { what: `${d.fromStation.name}${action}：${d.runNumber} ${d.date} ${d.time} ${t.seat}号座` };
}
