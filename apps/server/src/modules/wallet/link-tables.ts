import type { LinkSummary } from '@yss/contracts';
import type { Generated } from 'kysely';

/** The citizen's links to certificates (migrations/0041_wallet_links.sql, 0045). */
export interface WalletLinkTables {
  wallet_links: {
    id: Generated<string>;
    account_id: string;
    credential_type: string;
    certificate_id: string;
    summary: LinkSummary;
    linked_at: Generated<Date>;
    refreshed_at: Generated<Date>;
    unlinked_at: Date | null;
    /** 0045, the status synchroniser (wallet-sync): when the department was last read for this link … */
    sync_checked_at: Generated<Date>;
    /** … what its record said then (null: not read since linking) … */
    sync_standing: 'in-force' | 'suspended' | 'ended' | null;
    /** … and how many changes were announced (the inbox dedupe key). */
    sync_changes: Generated<number>;
  };
  wallet_link_certificates: {
    certificate_id: string;
    link_id: string;
    issued_at: Generated<Date>;
  };
}
