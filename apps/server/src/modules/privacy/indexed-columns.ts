/**
 * Every column that holds a blind index (FieldCipher.blindIndex): what the index-key rotation re-writes
 * (index-rotation.ts). A column missing here would keep indexes of the old chain, and every lookup through it
 * would miss after the rotation; `indexed-columns.test.ts` checks the migrated schema against this list.
 *
 * The rotation needs no personal value: each stored index is wrapped with the new key as it stands
 * (FieldCipher.reindex), so short-lived rows (SMS codes, lockouts, the sandbox outboxes) are carried over like
 * the rest, and an index whose value is kept nowhere (a certificate's holder) is no harder than any other.
 */
export interface IndexedColumn {
  table: string;
  column: string;
  /** The columns that identify one row (its primary key): the rotation matches its update by them. */
  key: readonly string[];
  /** For a column that holds an index in some rows only: the rows that do (SQL over the table's columns). */
  onlyWhere?: string;
}

export const INDEXED_COLUMNS: readonly IndexedColumn[] = [
  // identity: the account by phone (login) and by ID number (one account per person)
  { table: 'identity_accounts', column: 'phone_index', key: ['id'] },
  { table: 'identity_accounts', column: 'id_number_index', key: ['id'] },
  { table: 'identity_sms_codes', column: 'phone_index', key: ['id'] },
  // the code's keyed hash ('pending' for the instant between its row's insert and the hash being set)
  { table: 'identity_sms_codes', column: 'code_hash', key: ['id'], onlyWhere: "code_hash <> 'pending'" },
  { table: 'identity_login_throttle', column: 'phone_index', key: ['phone_index'] },
  // the sandbox gateways' outboxes (a phone's or an address's messages)
  { table: 'sms_outbox', column: 'phone_index', key: ['id'] },
  { table: 'email_outbox', column: 'address_index', key: ['id'] },
  // 亲友代办: one open request per agent and principal
  { table: 'delegations', column: 'principal_id_number_index', key: ['id'] },
  // 我的证照: the holder's certificates, and which document each was issued from
  { table: 'wallet_certificates', column: 'subject_index', key: ['id'] },
  { table: 'wallet_certificates', column: 'document_index', key: ['id'] },
  // lookups: bound utility accounts; exam numbers' failed attempts (the account's rows are keyed by its id)
  { table: 'utility_bindings', column: 'account_number_index', key: ['id'] },
  { table: 'lookup_exam_attempts', column: 'key', key: ['scope', 'key'], onlyWhere: "scope = 'number'" },
  // payments: one live order per bill, tax year, endorsement, purchase
  { table: 'utility_payments', column: 'bill_index', key: ['id'] },
  { table: 'tax_payments', column: 'item_index', key: ['id'] },
  { table: 'endorsement_applications', column: 'item_index', key: ['id'] },
  { table: 'purchase_tax_payments', column: 'item_index', key: ['id'] },
  // 年审预约: one live booking per applicant and vehicle (the plate's index; null for the other services)
  { table: 'appointments', column: 'subject_index', key: ['id'], onlyWhere: 'subject_index is not null' },
  // 挪车: requests about one plate
  { table: 'move_car_requests', column: 'plate_index', key: ['id'] },
];
