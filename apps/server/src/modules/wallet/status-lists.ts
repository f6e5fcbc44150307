import { randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { IssuerKeyStore } from './issuer-keys.js';
import type { IssuerId } from './issuers.js';
import { signJws } from './jws.js';
import { type BitsPerStatus, compressList, STATUS, setStatus } from './status-bits.js';

export type CertificateStatus = 'valid' | 'revoked' | 'suspended';

export interface StatusListOptions {
  /** Public base URL of the platform (status-list URIs and `sub`). */
  baseUrl: string;
  /** Entries per list (multiple of 8). A list is closed at half full so random indexes stay cheap to draw. */
  size?: number;
  /** Seconds a verifier may keep a list before fetching it again (the token's `ttl`). */
  ttlSeconds?: number;
  /** Seconds a signed token stays valid (`exp`): an offline verifier can use a list no longer. */
  lifetimeSeconds?: number;
  now?: () => number;
}

export const statusListPath = (issuerId: string, listId: number) =>
  `/api/v1/issuers/${issuerId}/status-lists/${listId}`;

/**
 * The issuers' Token Status Lists: random entries for new credentials, revocation and suspension of a whole
 * certificate (every entry of its batch), and signed `statuslist+jwt` tokens, cached per list version.
 */
export class StatusListService {
  private readonly tokens = new Map<number, { version: number; token: string; signedAt: number }>();
  private readonly listeners: ((listId: number) => void)[] = [];
  readonly bits: BitsPerStatus = 2;
  readonly size: number;
  readonly ttlSeconds: number;
  readonly lifetimeSeconds: number;

  constructor(
    private readonly db: Db,
    private readonly keys: IssuerKeyStore,
    private readonly options: StatusListOptions,
  ) {
    this.size = options.size ?? 65_536;
    this.ttlSeconds = options.ttlSeconds ?? 60;
    this.lifetimeSeconds = options.lifetimeSeconds ?? 86_400;
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  uri(issuerId: string, listId: number): string {
    return `${this.options.baseUrl}${statusListPath(issuerId, listId)}`;
  }

  /** Called with a list id whenever an entry of it changes (the in-process verifier drops its copy). */
  onChange(listener: (listId: number) => void) {
    this.listeners.push(listener);
  }

  /** `count` fresh entries at random places of one open list of the issuer (inside the caller's transaction). */
  async allocate(
    tx: Transaction<Database>,
    issuerId: IssuerId,
    certificateId: string,
    count: number,
    initial: CertificateStatus = 'valid',
  ): Promise<{ listId: number; idx: number }[]> {
    let list = await tx
      .selectFrom('wallet_status_lists')
      .select(['id', 'size', 'allocated'])
      .where('issuer_id', '=', issuerId)
      .where((eb) => eb(eb('allocated', '+', count), '<=', eb('size', '/', 2)))
      .orderBy('id')
      .forUpdate()
      .executeTakeFirst();
    if (!list) {
      list = await tx
        .insertInto('wallet_status_lists')
        .values({
          issuer_id: issuerId,
          bits: this.bits,
          size: this.size,
          statuses: new Uint8Array((this.size * this.bits) / 8),
        })
        .returning(['id', 'size', 'allocated'])
        .executeTakeFirstOrThrow();
    }
    const chosen = new Set<number>();
    while (chosen.size < count) {
      const candidates = Array.from({ length: (count - chosen.size) * 2 }, () => randomInt(list.size)).filter(
        (i) => !chosen.has(i),
      );
      const taken = new Set(
        (
          await tx
            .selectFrom('wallet_status_entries')
            .select('idx')
            .where('status_list_id', '=', list.id)
            .where('idx', 'in', candidates)
            .execute()
        ).map((r) => r.idx),
      );
      for (const c of candidates) if (!taken.has(c) && chosen.size < count) chosen.add(c);
    }
    const entries = [...chosen].map((idx) => ({ status_list_id: list.id, idx, certificate_id: certificateId }));
    await tx.insertInto('wallet_status_entries').values(entries).execute();
    await tx
      .updateTable('wallet_status_lists')
      .set((eb) => ({ allocated: eb('allocated', '+', count) }))
      .where('id', '=', list.id)
      .execute();
    if (initial !== 'valid') await this.writeEntries(tx, list.id, [...chosen], initial);
    return [...chosen].map((idx) => ({ listId: list.id, idx }));
  }

  /**
   * Revoke (final), suspend, or reinstate a suspended certificate: every entry of its batch. Returns the
   * certificate's status afterwards, or undefined when there is no such certificate. A revoked certificate
   * stays revoked.
   */
  async setCertificateStatus(certificateId: string, status: CertificateStatus): Promise<CertificateStatus | undefined> {
    const changed: number[] = [];
    const result = await this.db.transaction().execute(async (tx) => {
      const cert = await tx
        .selectFrom('wallet_certificates')
        .select(['id', 'status'])
        .where('id', '=', certificateId)
        .forUpdate()
        .executeTakeFirst();
      if (!cert) return undefined;
      if (cert.status === 'revoked' || cert.status === status) return cert.status;
      const entries = await tx
        .selectFrom('wallet_status_entries')
        .select(['status_list_id', 'idx'])
        .where('certificate_id', '=', certificateId)
        .execute();
      const byList = new Map<number, number[]>();
      for (const e of entries) byList.set(e.status_list_id, [...(byList.get(e.status_list_id) ?? []), e.idx]);
      for (const [listId, idxs] of [...byList.entries()].sort(([a], [b]) => a - b)) {
        await this.writeEntries(tx, listId, idxs, status);
        changed.push(listId);
      }
      await tx
        .updateTable('wallet_certificates')
        .set({ status, status_changed_at: new Date(this.now()) })
        .where('id', '=', certificateId)
        .execute();
      return status;
    });
    for (const listId of changed) {
      this.tokens.delete(listId);
      for (const l of this.listeners) l(listId);
    }
    return result;
  }

  private async writeEntries(tx: Transaction<Database>, listId: number, idxs: number[], status: CertificateStatus) {
    const row = await tx
      .selectFrom('wallet_status_lists')
      .select(['statuses', 'bits'])
      .where('id', '=', listId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const bytes = new Uint8Array(row.statuses);
    const value = status === 'revoked' ? STATUS.invalid : status === 'suspended' ? STATUS.suspended : STATUS.valid;
    for (const idx of idxs) setStatus(bytes, row.bits as BitsPerStatus, idx, value);
    await tx
      .updateTable('wallet_status_lists')
      .set((eb) => ({ statuses: bytes, version: eb('version', '+', 1), updated_at: new Date(this.now()) }))
      .where('id', '=', listId)
      .execute();
  }

  /**
   * The signed Status List Token of a list (compact JWS, typ statuslist+jwt), or undefined when the issuer
   * has no such list. Re-signed when the list changed or half its ttl has passed, so `iat` stays recent.
   */
  async token(issuerId: IssuerId, listId: number): Promise<string | undefined> {
    const head = await this.db
      .selectFrom('wallet_status_lists')
      .select(['version'])
      .where('id', '=', listId)
      .where('issuer_id', '=', issuerId)
      .executeTakeFirst();
    if (!head) return undefined;
    const cached = this.tokens.get(listId);
    if (cached && cached.version === head.version && this.now() - cached.signedAt < (this.ttlSeconds * 1000) / 2) {
      return cached.token;
    }
    const row = await this.db
      .selectFrom('wallet_status_lists')
      .select(['statuses', 'bits', 'version'])
      .where('id', '=', listId)
      .executeTakeFirstOrThrow();
    const key = await this.keys.signingKey(issuerId);
    const iat = Math.floor(this.now() / 1000);
    const token = signJws(
      { kid: key.kid, typ: 'statuslist+jwt' },
      {
        sub: this.uri(issuerId, listId),
        iat,
        exp: iat + this.lifetimeSeconds,
        ttl: this.ttlSeconds,
        status_list: { bits: row.bits, lst: compressList(new Uint8Array(row.statuses)) },
      },
      key.key,
    );
    this.tokens.set(listId, { version: row.version, token, signedAt: this.now() });
    return token;
  }
}
