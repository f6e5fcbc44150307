import { BODY_AAD as EMAIL_BODY_AAD } from '../../connectors/email/outbox-gateway.js';
import { keyAad as sandboxPayKeyAad } from '../../connectors/payments/sandbox/keys.js';
import { TEXT_AAD as SMS_TEXT_AAD } from '../../connectors/sms/outbox-gateway.js';
import { PASS_KEY_AAD_PREFIX } from '../appointments/pass-keys.js';
import {
  ID_AAD as APPOINTMENT_ID_AAD,
  NAME_AAD as APPOINTMENT_NAME_AAD,
  VISIT_ADDRESS_AAD,
  VISIT_PHONE_AAD,
} from '../appointments/present.js';
import { attachmentAad } from '../cases/attachments.js';
import { eventNoteAad } from '../cases/event-notes.js';
import {
  ID_AAD as CASE_ID_AAD,
  NAME_AAD as CASE_NAME_AAD,
  NOTE_AAD as CASE_NOTE_AAD,
  FORM_AAD,
} from '../cases/present.js';
import { ID_AAD as PASSENGER_ID_AAD, NAME_AAD as PASSENGER_NAME_AAD } from '../coach/present.js';
import { TICKET_KEY_AAD_PREFIX } from '../coach/ticket-keys.js';
import { PRINCIPAL_ID_NUMBER_AAD } from '../delegation/delegation-service.js';
import { DOCUMENT_AAD, ID_AAD as ENDORSEMENT_ID_AAD } from '../endorsements/service.js';
import { contentAad as feedbackContentAad } from '../feedback/stored-content.js';
import { CONTACT_AAD as FEEDBACK_CONTACT_AAD } from '../feedback/submit-feedback.js';
import { bankCardAad } from '../housing-fund-withdrawal/service.js';
import { NAME_AAD as ACCOUNT_NAME_AAD, ID_NUMBER_AAD, PHONE_AAD } from '../identity/identity-service.js';
import { titleAad as invoiceTitleAad } from '../invoice-titles/routes.js';
import { ACCOUNT_INDEX as UTILITY_BINDING_AAD } from '../lookups/utilities/routes.js';
import { keyAad as payCodeKeyAad } from '../medical-insurance/pay-code.js';
import { CONTACT_PHONE_AAD, PLACE_AAD, PLATE_AAD } from '../move-car/service.js';
import { linesAad, receiptAad } from '../payments/present.js';
import { INVOICE_AAD, ID_AAD as PURCHASE_TAX_ID_AAD } from '../purchase-tax/service.js';
import { signingKeyAad } from '../shared/signed-codes.js';
import { TOTP_AAD } from '../staff/staff-service.js';
import { deliveryAad } from '../tax-certificates/service.js';
import { OWNER_AAD, PAYER_AAD, VEHICLE_AAD } from '../tax-payments/service.js';
import { ACCOUNT_AAD as UTILITY_PAYMENT_AAD } from '../utility-payments/service.js';
import { issuerKeyAad } from '../wallet/issuer-keys.js';
import type { SealedColumn } from './sealed-column.js';

/**
 * Every column the platform seals with the FieldCipher, and the associated data each value was sealed with (the
 * writers' own constants and functions, so that the two cannot drift apart). sealed-columns.test.ts checks the list
 * against the migrated schema and opens what the platform wrote with it.
 *
 * Every sealed value is in a column named `*_encrypted` (the staff's pending TOTP secret too: it is kept in
 * totp_secret_encrypted, with the same associated data as a confirmed one).
 */

type Row = Readonly<Record<string, unknown>>;
const id = (row: Row) => String(row.id);
/** `<prefix>:<the row's id>`, the form most writers use. */
const byId = (prefix: string) => (row: Row) => `${prefix}:${id(row)}`;
/** The same associated data for every row of the column (bound to the column, not to the row). */
const fixed = (aad: string) => () => aad;

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  // the 预约码's signing key (SignedCodeKeys): `appointment-pass-key:<kid>`
  {
    table: 'appointment_pass_keys',
    column: 'private_jwk_encrypted',
    kind: 'text',
    key: ['kid'],
    aad: (row) => signingKeyAad(PASS_KEY_AAD_PREFIX, String(row.kid)),
  },
  {
    table: 'appointments',
    column: 'applicant_id_number_encrypted',
    kind: 'text',
    key: ['id'],
    aad: byId(APPOINTMENT_ID_AAD),
  },
  {
    table: 'appointments',
    column: 'applicant_name_encrypted',
    kind: 'text',
    key: ['id'],
    aad: byId(APPOINTMENT_NAME_AAD),
  },
  // 上门服务 (开锁): where to come and the phone (migrations/0082)
  {
    table: 'appointments',
    column: 'visit_address_encrypted',
    kind: 'text',
    key: ['id'],
    aad: byId(VISIT_ADDRESS_AAD),
  },
  {
    table: 'appointments',
    column: 'visit_phone_encrypted',
    kind: 'text',
    key: ['id'],
    aad: byId(VISIT_PHONE_AAD),
  },
  // the uploaded file's bytes (encryptBytes): `case_attachments:<id>`
  {
    table: 'case_attachments',
    column: 'content_encrypted',
    kind: 'bytes',
    key: ['id'],
    aad: (row) => attachmentAad(id(row)),
  },
  // a note of the case's log, bound to its case and seq: `cases.event_note:<case_id>:<seq>` (append-only table:
  // its trigger lets no update through but the legacy-note move, so re-encrypting it needs the trigger changed)
  {
    table: 'case_events',
    column: 'note_encrypted',
    kind: 'text',
    key: ['case_id', 'seq'],
    aad: (row) => eventNoteAad(String(row.case_id), Number(row.seq)),
  },
  // 内部备注: `cases.note:<the note's id>` (append-only table: its trigger refuses every update, a re-encryption's too)
  { table: 'case_notes', column: 'body_encrypted', kind: 'text', key: ['id'], aad: byId(CASE_NOTE_AAD) },
  { table: 'cases', column: 'applicant_id_number_encrypted', kind: 'text', key: ['id'], aad: byId(CASE_ID_AAD) },
  { table: 'cases', column: 'applicant_name_encrypted', kind: 'text', key: ['id'], aad: byId(CASE_NAME_AAD) },
  { table: 'cases', column: 'form_encrypted', kind: 'text', key: ['id'], aad: byId(FORM_AAD) },
  // the e-ticket QR's signing key (SignedCodeKeys): `coach-ticket-key:<kid>`
  {
    table: 'coach_ticket_keys',
    column: 'private_jwk_encrypted',
    kind: 'text',
    key: ['kid'],
    aad: (row) => signingKeyAad(TICKET_KEY_AAD_PREFIX, String(row.kid)),
  },
  // bound to the ticket's id (not the order's)
  {
    table: 'coach_tickets',
    column: 'passenger_id_number_encrypted',
    kind: 'text',
    key: ['id'],
    aad: byId(PASSENGER_ID_AAD),
  },
  {
    table: 'coach_tickets',
    column: 'passenger_name_encrypted',
    kind: 'text',
    key: ['id'],
    aad: byId(PASSENGER_NAME_AAD),
  },
  {
    table: 'delegations',
    column: 'principal_id_number_encrypted',
    kind: 'text',
    key: ['id'],
    aad: fixed(PRINCIPAL_ID_NUMBER_AAD),
  },
  { table: 'email_outbox', column: 'body_encrypted', kind: 'text', key: ['id'], aad: fixed(EMAIL_BODY_AAD) },
  // the purpose rows (签注, 车船税, 车辆购置税, 燃气缴费) are bound to their own id (the order's purpose_ref)
  {
    table: 'endorsement_applications',
    column: 'document_encrypted',
    kind: 'text',
    key: ['id'],
    aad: byId(DOCUMENT_AAD),
  },
  {
    table: 'endorsement_applications',
    column: 'id_number_encrypted',
    kind: 'text',
    key: ['id'],
    aad: byId(ENDORSEMENT_ID_AAD),
  },
  { table: 'feedback', column: 'contact_encrypted', kind: 'text', key: ['id'], aad: fixed(FEEDBACK_CONTACT_AAD) },
  {
    table: 'feedback',
    column: 'content_encrypted',
    kind: 'text',
    key: ['id'],
    aad: (row) => feedbackContentAad(id(row)),
  },
  {
    table: 'housing_fund_withdrawals',
    column: 'bank_card_encrypted',
    kind: 'text',
    key: ['id'],
    aad: (row) => bankCardAad(id(row)),
  },
  { table: 'identity_accounts', column: 'id_number_encrypted', kind: 'text', key: ['id'], aad: fixed(ID_NUMBER_AAD) },
  { table: 'identity_accounts', column: 'phone_encrypted', kind: 'text', key: ['id'], aad: fixed(PHONE_AAD) },
  {
    table: 'identity_accounts',
    column: 'real_name_encrypted',
    kind: 'text',
    key: ['id'],
    aad: fixed(ACCOUNT_NAME_AAD),
  },
  {
    table: 'invoice_titles',
    column: 'title_encrypted',
    kind: 'text',
    key: ['id'],
    aad: (row) => invoiceTitleAad(id(row)),
  },
  {
    table: 'medical_pay_code_keys',
    column: 'private_jwk_encrypted',
    kind: 'text',
    key: ['kid'],
    aad: (row) => payCodeKeyAad(String(row.kid)),
  },
  {
    table: 'move_car_requests',
    column: 'contact_phone_encrypted',
    kind: 'text',
    key: ['id'],
    aad: fixed(CONTACT_PHONE_AAD),
  },
  { table: 'move_car_requests', column: 'place_encrypted', kind: 'text', key: ['id'], aad: fixed(PLACE_AAD) },
  { table: 'move_car_requests', column: 'plate_encrypted', kind: 'text', key: ['id'], aad: fixed(PLATE_AAD) },
  { table: 'payment_orders', column: 'lines_encrypted', kind: 'text', key: ['id'], aad: (row) => linesAad(id(row)) },
  // the fulfiller's receipt (完税凭证号码 …), written when the order is fulfilled; null until then
  {
    table: 'payment_orders',
    column: 'receipt_encrypted',
    kind: 'text',
    key: ['id'],
    aad: (row) => receiptAad(id(row)),
  },
  {
    table: 'purchase_tax_payments',
    column: 'id_number_encrypted',
    kind: 'text',
    key: ['id'],
    aad: byId(PURCHASE_TAX_ID_AAD),
  },
  { table: 'purchase_tax_payments', column: 'invoice_encrypted', kind: 'text', key: ['id'], aad: byId(INVOICE_AAD) },
  {
    table: 'sandbox_pay_keys',
    column: 'private_jwk_encrypted',
    kind: 'text',
    key: ['kid'],
    aad: (row) => sandboxPayKeyAad(String(row.kid)),
  },
  { table: 'sms_outbox', column: 'text_encrypted', kind: 'text', key: ['id'], aad: fixed(SMS_TEXT_AAD) },
  // a confirmed TOTP secret and a pending enrolment's (setPendingTotpSecret) alike
  { table: 'staff_accounts', column: 'totp_secret_encrypted', kind: 'text', key: ['id'], aad: fixed(TOTP_AAD) },
  {
    table: 'tax_certificate_requests',
    column: 'delivery_encrypted',
    kind: 'text',
    key: ['id'],
    aad: (row) => deliveryAad(id(row)),
  },
  { table: 'tax_payments', column: 'owner_id_encrypted', kind: 'text', key: ['id'], aad: byId(OWNER_AAD) },
  { table: 'tax_payments', column: 'payer_id_encrypted', kind: 'text', key: ['id'], aad: byId(PAYER_AAD) },
  { table: 'tax_payments', column: 'vehicle_encrypted', kind: 'text', key: ['id'], aad: byId(VEHICLE_AAD) },
  // the blind index's purpose doubles as the prefix: `utility-account:<id>`
  {
    table: 'utility_bindings',
    column: 'account_number_encrypted',
    kind: 'text',
    key: ['id'],
    aad: byId(UTILITY_BINDING_AAD),
  },
  {
    table: 'utility_payments',
    column: 'account_number_encrypted',
    kind: 'text',
    key: ['id'],
    aad: byId(UTILITY_PAYMENT_AAD),
  },
  // bound to the issuer and the kid: `wallet-issuer-key:<issuer_id>:<kid>`
  {
    table: 'wallet_issuer_keys',
    column: 'private_jwk_encrypted',
    kind: 'text',
    key: ['issuer_id', 'kid'],
    aad: (row) => issuerKeyAad(String(row.issuer_id), String(row.kid)),
  },
];
