import type { ColumnType, Kysely } from 'kysely';

type DateColumn = ColumnType<Date, string, string>;
type TimestampColumn = ColumnType<Date, string | Date, string | Date>;

export type EnterpriseStatus = '存续' | '注销' | '吊销';
export type JudicialKind = 'ruling' | 'enforcement' | 'dishonest';

/**
 * Tables of the sandbox 信用广东 system, schema `dept_credit` (migrations/0014_dept_credit.sql). Only the credit
 * sandbox and its generator read or write them.
 */
export interface CreditTables {
  'dept_credit.enterprises': {
    uscc: string;
    name: string;
    region_code: string;
    kind: 'company' | 'sole-proprietor' | 'institution';
    industry: string;
    legal_representative: string;
    registered_capital_wan: number;
    established_on: DateColumn;
    status: EnterpriseStatus;
    status_since: DateColumn | null;
    address: string;
    version: number;
    updated_at: TimestampColumn;
  };
  'dept_credit.penalties': {
    decision_number: string;
    uscc: string;
    authority: string;
    decided_on: DateColumn;
    violation: string;
    content: string;
    fine_fen: number | null;
  };
  'dept_credit.judicial_records': {
    case_number: string;
    kind: JudicialKind;
    uscc: string;
    court: string;
    filed_on: DateColumn;
    amount_fen: number | null;
    status: '执行中' | '已结案' | '已生效';
  };
  'dept_credit.changes': {
    uscc: string;
    version: number;
    changed_at: TimestampColumn;
    item: string;
    summary: string;
  };
}

export type CreditDb = Kysely<CreditTables>;

/** Narrow a handle whose database includes the credit tables to one that sees only them. */
export function creditDb<DB extends CreditTables>(db: Kysely<DB>): CreditDb {
  return db as unknown as CreditDb;
}
