import type { CoachDeparture, CoachOrder, CoachTicket, CoachTicketScanResult } from '@yss/contracts';
import { chinaToday } from '../lib/coach';

/** 长途车 fixtures for the component tests (a departure from 广州 to 深圳 today, an order, its tickets). */
export const TODAY = chinaToday();
export const ORDER_ID = '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
export const PAYMENT_ID = '7b2e1d3f-4c5e-4f6a-9b0c-1d2e3f4a5b6c';
export const TICKET_1 = '8c3f2e4a-5d6f-4a7b-8c1d-2e3f4a5b6c7d';
export const TICKET_2 = '9d4a3f5b-6e7a-4b8c-9d2e-3f4a5b6c7d8e';

export function departure(over: Partial<CoachDeparture> = {}): CoachDeparture {
  const time = over.time ?? '10:30';
  const date = over.date ?? TODAY;
  return {
    id: 'GZ-SZ-1030',
    runNumber: 'GZ1030A',
    fromStation: {
      id: 'st-gz-tianhe',
      name: '广州天河客运站',
      cityCode: '440100',
      cityName: '广州',
      address: '广州市天河区燕岭路633号',
    },
    toStationName: '深圳福田汽车站',
    toCityCode: '440300',
    toCityName: '深圳',
    date,
    time,
    departsAt: new Date(`${date}T${time}:00+08:00`).toISOString(),
    durationMinutes: 150,
    coachType: '大型高一级',
    priceFen: 8500,
    seatsLeft: 12,
    onSale: true,
    ...over,
  };
}

export function ticket(over: Partial<CoachTicket> = {}): CoachTicket {
  return {
    id: TICKET_1,
    ticketNumber: 'T440100000001',
    seat: '05',
    passengerNameMasked: '张*',
    passengerIdMasked: '440***********123X',
    priceFen: 8500,
    status: 'issued',
    statusLabel: '待检票',
    canRefund: true,
    canShow: true,
    refundFeeFen: null,
    refundedFen: null,
    refundedAt: null,
    ...over,
  };
}

export function order(over: Partial<CoachOrder> = {}): CoachOrder {
  const tickets = over.tickets ?? [ticket()];
  return {
    id: ORDER_ID,
    orderNumber: 'CT2026112800001',
    departure: departure(),
    tickets,
    totalFen: tickets.reduce((s, x) => s + x.priceFen, 0),
    status: 'paid',
    statusLabel: '已出票',
    paymentId: PAYMENT_ID,
    paymentStatus: 'paid',
    expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    createdAt: '2026-11-27T02:00:00.000Z',
    canCancel: false,
    ...over,
  } as CoachOrder;
}

type ScanTicket = NonNullable<CoachTicketScanResult['ticket']>;

export function scanResult(
  over: Omit<Partial<CoachTicketScanResult>, 'ticket'> & { ticket?: Partial<ScanTicket> | null } = {},
): CoachTicketScanResult {
  const { ticket: t, ...rest } = over;
  return {
    verdict: 'valid',
    verdictName: '有效车票',
    ticket:
      t === null
        ? null
        : {
            id: TICKET_1,
            ticketNumber: 'T440100000001',
            runNumber: 'GZ1030A',
            fromStationName: '广州天河客运站',
            toStationName: '深圳福田汽车站',
            date: TODAY,
            time: '10:30',
            seat: '05',
            passengerNameMasked: '张*',
            passengerIdLast4: '123X',
            status: 'issued',
            statusLabel: '待检票',
            canCheck: true,
            canBoard: false,
            ...t,
          },
    ...rest,
  };
}
