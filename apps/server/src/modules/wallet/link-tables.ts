import type { LinkSummary } from '@yss/contracts';
import type { Generated } from 'kysely';

/** The citizen's links to certificates (migrations/0041_wallet_links.sql). */
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
  };
  wallet_link_certificates: {
    certificate_id: string;
    link_id: string;
    issued_at: Generated<Date>;
  };
}
