import { randomUUID } from 'node:crypto';
import { makeResidentId } from '@yss/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '../../departments/coach/timetable.js';
import { makeBankCard } from '../../departments/housing-fund/bank-card.js';
import { demoPerson } from '../../departments/kit/demo.js';
import { CASE_FILE_TYPES, caseFile } from '../../test-support/case-files.js';
import { citizenClient, SESSION_COOKIE } from '../../test-support/citizen-client.js';
import { staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { ALL_SEALED_COLUMNS as SEALED_COLUMNS } from './all-sealed-columns.js';
import { FieldCipher } from './crypto.js';
import { establishIndexKey } from './data-keys.js';
import { censusOfIndexes, rotateIndexKey } from './index-rotation.js';
import { INDEXED_COLUMNS } from './indexed-columns.js';

/**
 * SEALED_COLUMNS (with the index key's sealed copy: ALL_SEALED_COLUMNS) is what re-encrypting under a new data key goes by: a sealed column missing from it would be left
 * under the old key (unreadable once that key is gone), and an entry whose associated data is not the writer's would
 * stop the sweep. So: every `*_encrypted` column of the migrated schema is listed, each entry matches the schema
 * (its type, its primary key), and each entry opens what the platform itself wrote, driven over HTTP.
 */

const GZ = '440100';
const SZ = '440300';
const name = (e: { table: string; column: string }) => `${e.table}.${e.column}`;

/**
 * Entries the platform writes no row of here (each with the reason); every other entry must open at least one row.
 * Empty: every sealed column gets a row from the seed or the journeys below.
 */
const NOT_EXERCISED: readonly string[] = [];

describe('SEALED_COLUMNS', () => {
  it('lists each column once', () => {
    const names = SEALED_COLUMNS.map(name);
    expect(names.length).toBe(new Set(names).size);
    for (const listed of NOT_EXERCISED) expect(names).toContain(listed);
  });

  // Pinned: changing one of these changes what stored values are bound to, and every value sealed before no longer
  // opens. The sample row has every key column any entry reads.
  it('builds the associated data the values at rest were sealed with', () => {
    const row = { id: 'ID', kid: 'KID', case_id: 'CASE', seq: 7, issuer_id: 'ISSUER', position: 0 };
    expect(Object.fromEntries(SEALED_COLUMNS.map((e) => [name(e), e.aad(row)]))).toEqual({
      'appointment_pass_keys.private_jwk_encrypted': 'appointment-pass-key:KID',
      'appointments.applicant_id_number_encrypted': 'appointments.applicant_id_number:ID',
      'appointments.applicant_name_encrypted': 'appointments.applicant_name:ID',
      'appointments.visit_address_encrypted': 'appointments.visit_address:ID',
      'appointments.visit_phone_encrypted': 'appointments.visit_phone:ID',
      'case_attachments.content_encrypted': 'case_attachments:ID',
      'case_events.note_encrypted': 'cases.event_note:CASE:7',
      'case_notes.body_encrypted': 'cases.note:ID',
      'cases.applicant_id_number_encrypted': 'cases.applicant_id_number:ID',
      'cases.applicant_name_encrypted': 'cases.applicant_name:ID',
      'cases.form_encrypted': 'cases.form:ID',
      'coach_ticket_keys.private_jwk_encrypted': 'coach-ticket-key:KID',
      'coach_tickets.passenger_id_number_encrypted': 'coach.passenger_id_number:ID',
      'coach_tickets.passenger_name_encrypted': 'coach.passenger_name:ID',
      'data_index_keys.key_encrypted': 'data_index_key',
      'delegations.principal_id_number_encrypted': 'delegation.principal_id_number',
      'email_outbox.body_encrypted': 'email_outbox.body',
      'endorsement_applications.document_encrypted': 'endorsement.document:ID',
      'endorsement_applications.id_number_encrypted': 'endorsement.id-number:ID',
      'feedback.contact_encrypted': 'feedback.contact',
      'feedback.content_encrypted': 'feedback.content:ID',
      'housing_fund_withdrawals.bank_card_encrypted': 'housing_fund_withdrawals.card:ID',
      'identity_accounts.id_number_encrypted': 'account.id_number',
      'identity_accounts.phone_encrypted': 'account.phone',
      'identity_accounts.real_name_encrypted': 'account.name',
      'invoice_titles.title_encrypted': 'invoice_titles:ID',
      'medical_pay_code_keys.private_jwk_encrypted': 'medical-pay-code-key:KID',
      'move_car_requests.contact_phone_encrypted': 'move_car_requests.contact_phone',
      'move_car_requests.place_encrypted': 'move_car_requests.place',
      'move_car_requests.plate_encrypted': 'move_car_requests.plate',
      'payment_orders.lines_encrypted': 'payment-order.lines:ID',
      'payment_orders.receipt_encrypted': 'payment-order.receipt:ID',
      'purchase_tax_payments.id_number_encrypted': 'purchase-tax.id:ID',
      'purchase_tax_payments.invoice_encrypted': 'purchase-tax.invoice:ID',
      'sandbox_pay_keys.private_jwk_encrypted': 'sandbox-pay-key:KID',
      'sms_outbox.text_encrypted': 'sms_outbox.text',
      'staff_accounts.totp_secret_encrypted': 'staff.totp_secret',
      'tax_certificate_requests.delivery_encrypted': 'tax_certificate_requests:ID',
      'tax_payments.owner_id_encrypted': 'tax-payment.owner:ID',
      'tax_payments.payer_id_encrypted': 'tax-payment.payer:ID',
      'tax_payments.vehicle_encrypted': 'tax-payment.vehicle:ID',
      'utility_bindings.account_number_encrypted': 'utility-account:ID',
      'utility_payments.account_number_encrypted': 'utility-payment.account:ID',
      'wallet_issuer_keys.private_jwk_encrypted': 'wallet-issuer-key:ISSUER:KID',
    });
    // the index keys after the first (each rotation adds one) are bound to their place in the chain
    const indexKeys = SEALED_COLUMNS.find((e) => e.table === 'data_index_keys');
    expect(indexKeys?.aad({ position: 2 })).toBe('data_index_key:2');
  });
});

describe.each(ENGINES)('the sealed columns on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  const db = () => t.database.db;

  /** The answer's body, once its status is the one expected. */
  const expectStatus = (res: LightMyRequestResponse, status: number) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };

  beforeAll(async () => {
    // The seeded demo (the template's data key), then a row of every sealed column written by the platform itself.
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    await drivePlatform();
  }, 900_000);
  afterAll(() => t?.close());

  /** The journeys that write the sealed columns the seed leaves empty (as each module's own suite walks them). */
  async function drivePlatform() {
    // identity_accounts (phone, name, ID number) and sms_outbox (the login codes)
    const zhang = await c.verifiedAccount(demoPerson('张伟'));
    const call = (method: 'GET' | 'POST' | 'PUT', url: string, body?: object) =>
      c.call(method, url, body, zhang.cookie);
    const staff = (cookie: string, method: 'GET' | 'POST', url: string, body?: object) =>
      c.call(method, url, body, undefined, { cookie });

    // feedback (content and contact)
    expectStatus(
      await c.call('POST', '/api/v1/feedback', {
        content: '希望增加更多城市的燃气服务，请回电13800138000',
        category: 'suggestion',
        contact: '13800138000',
        city: SZ,
      }),
      201,
    );

    // move_car_requests (plate, contact phone, place)
    expectStatus(
      await call('POST', '/api/v1/me/move-car-requests', {
        plate: '粤AD52618',
        contactPhone: '13800138000',
        place: '天河区体育西路191号地下停车场B2-118',
        reason: 'blocking',
        city: GZ,
      }),
      201,
    );

    // invoice_titles
    expectStatus(await call('POST', '/api/v1/me/invoice-titles', { kind: 'person', name: '张伟' }), 201);

    // delegations: a consent request to his father
    const father = demoPerson('张建国');
    expectStatus(
      await call('POST', '/api/v1/delegations', {
        name: father.name,
        idNumber: father.idNumber,
        serviceIds: ['yanglao-zige-renzheng'],
        validDays: 90,
      }),
      201,
    );

    // tax_certificate_requests and email_outbox: a 完税证明 by e-mail
    expectStatus(
      await call('POST', '/api/v1/me/tax-certificates', {
        submissionId: randomUUID(),
        kind: 'income-tax',
        year: 2018,
        delivery: { method: 'email', email: `zhangwei.${randomUUID().slice(0, 8)}@example.com` },
      }),
      201,
    );

    // housing_fund_withdrawals
    expectStatus(
      await call('POST', '/api/v1/me/housing-fund/withdrawals', {
        submissionId: randomUUID(),
        city: GZ,
        reason: 'rent',
        amount: '1000.10',
        bankName: '中国农业银行',
        cardNumber: makeBankCard('622848'),
      }),
      201,
    );

    // utility_bindings: his father's gas account, bound by number and holder
    const fathersGas = await db()
      .selectFrom('dept_gongyong.accounts')
      .select('account_number')
      .where('company_id', '=', 'guangzhou-gas')
      .where('holder_name', '=', father.name)
      .orderBy('account_number')
      .executeTakeFirstOrThrow();
    expectStatus(
      await call('POST', `/api/v1/lookups/utilities/gas/bindings?city=${GZ}`, {
        accountNumber: fathersGas.account_number,
        holderName: father.name,
      }),
      201,
    );

    // utility_payments and payment_orders.lines: a gas bill made unpaid, as a fresh one would be
    const bill = await db()
      .selectFrom('dept_gongyong.bills as b')
      .innerJoin('dept_gongyong.accounts as a', 'a.account_number', 'b.account_number')
      .select(['b.account_number', 'b.period', 'b.amount_fen'])
      .where('a.company_id', '=', 'guangzhou-gas')
      .where('b.amount_fen', '>', 0)
      .orderBy('b.period', 'desc')
      .orderBy('b.account_number')
      .executeTakeFirstOrThrow();
    await db()
      .updateTable('dept_gongyong.bills')
      .set({ status: 'unpaid', paid_at: null, payment_reference: null })
      .where('account_number', '=', bill.account_number)
      .where('period', '=', bill.period)
      .execute();
    expectStatus(
      await call('POST', '/api/v1/me/utility-payments', {
        city: GZ,
        account: bill.account_number,
        period: bill.period,
        amountFen: bill.amount_fen,
        submissionId: randomUUID(),
      }),
      201,
    );

    // endorsement_applications: 港澳通行证再次签注, 香港个人旅游二次
    expectStatus(
      await call('POST', '/api/v1/me/endorsement-applications', {
        service: 'gangao-zaici-qianzhu',
        city: GZ,
        documentNumber: 'C32815406',
        destination: 'hong-kong',
        kind: 'tourism-individual',
        trips: 'twice',
        amountFen: 30_00,
        submissionId: randomUUID(),
      }),
      201,
    );

    // purchase_tax_payments: his unpaid purchase, at the amount due today
    const purchases = expectStatus(await call('GET', '/api/v1/me/vehicle-purchase-tax'), 200).purchases as {
      invoiceCode: string;
      invoiceNumber: string;
      status: string;
      totalDueFen: number;
    }[];
    const unpaid = purchases.find((p) => p.status === 'unpaid');
    if (!unpaid) throw new Error('张伟 has no unpaid vehicle purchase');
    expectStatus(
      await call('POST', '/api/v1/me/vehicle-purchase-tax-payments', {
        invoiceCode: unpaid.invoiceCode,
        invoiceNumber: unpaid.invoiceNumber,
        amountFen: unpaid.totalDueFen,
        submissionId: randomUUID(),
      }),
      201,
    );

    // tax_payments, paid at the sandbox cashier: sandbox_pay_keys (the provider's signed notification) and
    // payment_orders.receipt (the 完税凭证 the fulfilment hands back)
    const vehicles = expectStatus(await call('GET', '/api/v1/me/vehicle-tax'), 200).vehicles as {
      plate: string;
      years: { year: number; amountFen: number; status: string }[];
    }[];
    const due = vehicles.flatMap((v) => v.years.filter((y) => y.status === 'unpaid').map((y) => ({ ...y, v })))[0];
    if (!due) throw new Error('张伟 has no vehicle tax due');
    const taxOrder = expectStatus(
      await call('POST', '/api/v1/me/vehicle-tax-payments', {
        plate: due.v.plate,
        year: due.year,
        amountFen: due.amountFen,
        submissionId: randomUUID(),
      }),
      201,
    );
    const { checkoutUrl } = expectStatus(
      await call('POST', `/api/v1/me/payments/${taxOrder.id}/start`, { channel: 'sandbox-wallet' }),
      200,
    );
    const paid = await t.app.inject({
      method: 'POST',
      url: checkoutUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null', 'sec-fetch-site': 'same-origin' },
      payload: 'password=135790',
    });
    expect(paid.statusCode, paid.body).toBe(303);
    expect(expectStatus(await call('GET', `/api/v1/me/payments/${taxOrder.id}`), 200).receipt.length).toBeGreaterThan(
      0,
    );

    // coach_tickets and coach_ticket_keys: a ticket 广州 → 深圳 two days on, and the e-ticket keys published
    const date = addDays(chinaDate(new Date()), 2);
    const departures = expectStatus(await call('GET', `/api/v1/coach/departures?from=${GZ}&to=${SZ}&date=${date}`), 200)
      .departures as { id: string; onSale: boolean }[];
    const departure = departures.find((d) => d.onSale);
    if (!departure) throw new Error('no coach departure on sale');
    expectStatus(
      await call('POST', '/api/v1/me/coach/orders', {
        departureId: departure.id,
        passengers: [{ name: '王小明', idNumber: makeResidentId('440104', '19850315', 300) }],
        submissionId: randomUUID(),
      }),
      201,
    );
    expectStatus(await c.call('GET', '/api/v1/coach/ticket-keys'), 200);

    // medical_pay_code_keys and wallet_issuer_keys: made on first use, here by their published JWKS
    expectStatus(await c.call('GET', '/api/v1/medical-insurance/pay-codes/jwks.json'), 200);
    expectStatus(await c.call('GET', '/api/v1/issuers/gd-public-security/jwks.json'), 200);

    // appointments and appointment_pass_keys: a slot published at the counter, booked, its 预约码 shown
    /** The first of the slots a 号源管理员 publishes for tomorrow 09:00–10:00 at `place`. */
    const publishSlot = async (username: string, serviceId: string, place: string, address: string) => {
      const slots = expectStatus(
        await staff(await staffLogin(c.call, username), 'POST', '/api/v1/console/slots', {
          serviceId,
          cityCode: GZ,
          place,
          address,
          dates: [addDays(chinaDate(new Date()), 1)],
          times: [{ start: '09:00', end: '10:00' }],
          capacity: 3,
          openOnHoliday: true,
        }),
        201,
      ) as { id: string }[];
      return slots[0]?.id;
    };
    const slotId = await publishSlot(
      'gz.hf.slots',
      'gongjijin-qiantai-tiqu-yuyue',
      '密封列测试网点',
      '广州市天河区测试路1号',
    );
    const booking = expectStatus(
      await call('POST', '/api/v1/me/appointments', { slotId, submissionId: randomUUID() }),
      201,
    );
    expectStatus(await call('GET', `/api/v1/me/appointments/${booking.id}/pass`), 200);
    // …and a 上门服务 (开锁) with where to come and the phone
    expectStatus(
      await call('POST', '/api/v1/me/appointments', {
        slotId: await publishSlot(
          'gz.locksmith.slots',
          'kaisuo-bianmin-fuwu',
          '密封列测试开锁服务点',
          '上门服务：天河区',
        ),
        submissionId: randomUUID(),
        visit: { address: '广州市天河区测试路2号301房', phone: '13900001111' },
      }),
      201,
    );

    // cases (form, applicant), case_attachments (the uploads), case_notes (内部备注) and case_events (a 补正 reason)
    const attachments: Record<string, string[]> = {};
    for (const slot of ['id-card', 'photo']) {
      const up = await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/attachments',
        headers: {
          'x-forwarded-for': '10.7.0.1',
          cookie: `${SESSION_COOKIE}=${zhang.cookie}`,
          'content-type': CASE_FILE_TYPES.jpeg,
        },
        payload: caseFile('jpeg').bytes,
      });
      attachments[slot] = [expectStatus(up, 201).id];
    }
    const submitted = expectStatus(
      await call('POST', '/api/v1/me/cases', {
        serviceId: 'canjirenzheng-shenqing',
        city: GZ,
        form: {
          category: '4',
          cause: '2025年交通事故致右下肢功能障碍',
          residenceAddress: '广州市海珠区新港中路100号2栋301房',
          contactPhone: '13912345678',
        },
        attachments,
        submissionId: randomUUID(),
      }),
      201,
    );
    const reviewer = await staffLogin(c.call, 'gz.canlian.reviewer');
    const caseUrl = `/api/v1/console/cases/${submitted.id}`;
    expectStatus(await staff(reviewer, 'POST', `${caseUrl}/notes`, { text: '申请人电话 139 1234 5678 已核实' }), 201);
    expectStatus(
      await staff(reviewer, 'POST', `${caseUrl}/actions`, {
        action: 'request_supplement',
        version: 1,
        note: '请补充医院评定结果，有疑问请致电 13912345678',
      }),
      200,
    );
  }

  it('lists every `*_encrypted` column of the schema, each as the schema has it (type, primary key)', async () => {
    const columns = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns
       where table_schema = 'public'`.execute(db());
    const typeOf = new Map(columns.rows.map((r) => [`${r.table_name}.${r.column_name}`, r.data_type]));
    const sealed = columns.rows
      .filter((r) => r.column_name.endsWith('_encrypted'))
      .map((r) => `${r.table_name}.${r.column_name}`);
    const listed = new Set(SEALED_COLUMNS.map(name));
    expect(sealed.filter((n) => !listed.has(n)).sort()).toEqual([]);

    const keys = await sql<{ table_name: string; column_name: string }>`
      select k.table_name, k.column_name from information_schema.table_constraints c
        join information_schema.key_column_usage k
          on k.constraint_schema = c.constraint_schema and k.constraint_name = c.constraint_name
       where c.table_schema = 'public' and c.constraint_type = 'PRIMARY KEY'
       order by k.table_name, k.ordinal_position`.execute(db());
    const primaryKey = (table: string) => keys.rows.filter((r) => r.table_name === table).map((r) => r.column_name);

    const mismatches: string[] = [];
    for (const e of SEALED_COLUMNS) {
      const type = typeOf.get(name(e));
      if (type !== (e.kind === 'bytes' ? 'bytea' : 'text')) mismatches.push(`${name(e)}: ${type ?? 'no such column'}`);
      const pk = primaryKey(e.table);
      if (e.key.join() !== pk.join()) mismatches.push(`${name(e)}: key ${e.key.join()}, primary key ${pk.join()}`);
      for (const column of e.reads ?? []) {
        if (!typeOf.has(`${e.table}.${column}`)) mismatches.push(`${name(e)}: reads ${column}, no such column`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('opens every value the platform sealed with the associated data its entry builds', async () => {
    const cipher = new FieldCipher(t.config.dataEncryptionKey as Buffer);
    const opened: Record<string, number> = {};
    const failed: Record<string, unknown[]> = {};
    for (const e of SEALED_COLUMNS) {
      const notOpened: unknown[] = [];
      const read = [...new Set([...e.key, ...(e.reads ?? []), e.column])];
      const rows = await sql<Record<string, unknown>>`
        select ${sql.join(read.map((r) => sql.ref(r)))} from ${sql.table(e.table)}
         where ${sql.ref(e.column)} is not null limit 50`.execute(db());
      for (const row of rows.rows) {
        const value = row[e.column];
        try {
          if (e.kind === 'bytes') cipher.decryptBytes(value as Uint8Array, e.aad(row));
          else cipher.decrypt(value as string, e.aad(row));
        } catch {
          notOpened.push(e.key.map((k) => row[k]));
        }
      }
      if (notOpened.length > 0) failed[name(e)] = notOpened;
      opened[name(e)] = rows.rows.length;
    }
    // the rows (their keys) that did not open, by entry
    expect(failed).toEqual({});
    const none = Object.entries(opened)
      .filter(([n, count]) => count === 0 && !NOT_EXERCISED.includes(n))
      .map(([n]) => n);
    expect(none, 'entries with no row written').toEqual([]);
  });

  // The same journeys write most blind-index columns too (INDEXED_COLUMNS): an index-key rotation rewrites every
  // one of them, and a cipher given the new chain finds the account by phone (index-rotation.test.ts walks the
  // lookups, the lockout, 亲友代办 and a certificate, which these journeys do not write).
  it('an index-key rotation rewrites every blind index these journeys wrote', async () => {
    const before = await censusOfIndexes(db(), INDEXED_COLUMNS);
    const written = new Map(before.map((col) => [name(col), Object.values(col.byKey).reduce((a, b) => a + b, 0)]));
    const notWrittenHere = [
      'identity_login_throttle.phone_index',
      'lookup_exam_attempts.key',
      'wallet_certificates.subject_index',
      'wallet_certificates.document_index',
      // 年审预约's vehicle (appointments/travel-family.test.ts books it); these journeys book other services
      'appointments.subject_index',
    ];
    expect([...written].filter(([n, count]) => count === 0 && !notWrittenHere.includes(n))).toEqual([]);
    const rotation = await rotateIndexKey(db(), new FieldCipher(t.config.dataEncryptionKey as Buffer), INDEXED_COLUMNS);
    expect(rotation.activated).toBe(true);
    const after = await censusOfIndexes(db(), INDEXED_COLUMNS);
    for (const col of after) {
      const count = written.get(name(col)) ?? 0;
      expect(col.byKey, name(col)).toEqual(count ? { [rotation.keyId]: count } : {});
    }
    const reader = new FieldCipher(t.config.dataEncryptionKey as Buffer);
    await establishIndexKey(db(), reader);
    const account = await db()
      .selectFrom('identity_accounts')
      .select('id')
      .where('phone_index', '=', reader.blindIndex(demoPerson('张伟').phone as string, 'phone'))
      .executeTakeFirst();
    expect(account).toBeDefined();
  });
});
