import type { Verdict } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import { parsePresentation, readIssuerPayload } from '../wallet/compact.js';
import { issuerByCode } from '../wallet/issuers.js';

/** Verdicts reached only after the issuer's signature held: their status entry can be trusted. */
const SIGNED_VERDICTS = new Set(['valid', 'expired', 'revoked', 'suspended']);

/** The status entry (issuer, list, index) a presented credential carries, read without any check. */
function statusEntryOf(payload: string): { issuerId: string; listId: number; idx: number } | undefined {
  const text = payload.trim();
  try {
    if (text.startsWith('YSS1:')) {
      const p = readIssuerPayload(parsePresentation(text).issuer.sign1);
      const issuer = issuerByCode(p.issuerCode);
      return issuer ? { issuerId: issuer.id, listId: p.status.listId, idx: p.status.idx } : undefined;
    }
    const jwt = text.split('~')[0] ?? '';
    const body = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      status?: { status_list?: { idx?: unknown; uri?: unknown } };
    };
    const s = body.status?.status_list;
    const m = typeof s?.uri === 'string' ? s.uri.match(/\/api\/v1\/issuers\/([a-z0-9-]+)\/status-lists\/(\d+)$/) : null;
    if (!m || typeof s?.idx !== 'number') return undefined;
    return { issuerId: m[1] as string, listId: Number(m[2]), idx: s.idx };
  } catch {
    return undefined;
  }
}

/**
 * The certificate (wallet_certificates.id) behind a verified presentation: its status entry mapped back to
 * the certificate it was allocated to. Only for verdicts where the issuer's signature held (the entry is then
 * the issuer's, not the presenter's), and only when the entry belongs to the verdict's issuer.
 */
export async function certificateOfVerified(
  db: Db,
  payload: string,
  verdict: Verdict,
): Promise<{ id: string; type: string } | undefined> {
  if (!SIGNED_VERDICTS.has(verdict.verdict) || !verdict.issuer) return undefined;
  const entry = statusEntryOf(payload);
  if (!entry || entry.issuerId !== verdict.issuer.id) return undefined;
  const row = await db
    .selectFrom('wallet_status_entries as e')
    .innerJoin('wallet_certificates as c', 'c.id', 'e.certificate_id')
    .select(['c.id', 'c.credential_type'])
    .where('e.status_list_id', '=', entry.listId)
    .where('e.idx', '=', entry.idx)
    .where('c.issuer_id', '=', entry.issuerId)
    .executeTakeFirst();
  return row ? { id: row.id, type: row.credential_type } : undefined;
}
