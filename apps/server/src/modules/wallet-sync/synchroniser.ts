import { type CityCode, credentialTypeSpec } from '@yss/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/index.js';
import type { IdentityService } from '../identity/index.js';
import { LeasedBatchJob } from '../jobs/index.js';
import type { NotificationService } from '../notifications/index.js';
import {
  type DocumentStanding,
  GONE_REASON,
  linksDueForSync,
  markSynced,
  type SyncCandidate,
  type WalletService,
} from '../wallet/index.js';
import { decide, type SyncAction, shouldAnnounce } from './decide.js';
import { statusMessage } from './messages.js';

export const WALLET_SYNC_JOB = 'wallet-status-sync';

export interface SyncReport {
  /** false: another server copy holds the lease (it synchronises), nothing was done here. */
  ran: boolean;
  /** Links whose department was read and answered. */
  checked: number;
  /** Certificates whose status this round changed (revoked, suspended, reinstated). */
  changed: number;
  /** Messages newly written to inboxes. */
  announced: number;
  /** Links left as they were because their department could not answer (read again next round). */
  outages: number;
  /** Links read, but whose document cannot be told apart or whose answer is no fact about it (nothing changed). */
  undecided: number;
}

export interface SynchroniserOptions {
  db: Db;
  wallet: WalletService;
  identity: Pick<IdentityService, 'realIdentity'>;
  notifications: NotificationService;
  audit: AuditLog;
  log: FastifyBaseLogger;
  /** Time between rounds; 0: no timer (runOnce only). */
  intervalMs: number;
  /** Department reads per round at most (a large province is worked through over several rounds). Default 200. */
  batchSize?: number;
  /** Lease lifetime; default three intervals, at least 60 s. */
  leaseMs?: number;
  holder?: string;
  now?: () => number;
}

/** What reading one link's department came to. */
type Reading =
  | { kind: 'standing'; standing: DocumentStanding }
  | { kind: 'outage'; reason: string }
  | { kind: 'undecided'; reason: string };

/**
 * Department-driven status changes of linked certificates (issue 6 item 4): each round re-reads, oldest-checked
 * first, the document each live link was issued from, through the same credential sources as linking, and
 * revokes, suspends or reinstates its certificate when the department's record changed (see decide.ts); the
 * citizen gets one 消息 per change and the change is audited `wallet.status.sync`. Verifiers see it within the
 * status list's ttl.
 *
 * A department that cannot answer (an outage, a timeout, a garbled answer) is never read as "no record": its
 * links are left as they were and read again next round; once one of its reads failed, its other links are
 * passed over for the rest of the round (they keep their place at the head of the queue) and the round goes on
 * with other departments' links, so one department down does not stall the province.
 *
 * Only one server copy synchronises at a time (a LeasedBatchJob, a page of due links per batch); rounds in one
 * process run one after another.
 */
export class WalletStatusSynchroniser {
  private readonly job: LeasedBatchJob<SyncReport>;
  private readonly batchSize: number;

  constructor(private readonly o: SynchroniserOptions) {
    this.batchSize = o.batchSize ?? 200;
    this.job = new LeasedBatchJob<SyncReport>({
      db: o.db,
      jobName: WALLET_SYNC_JOB,
      label: 'wallet status sync',
      intervalMs: o.intervalMs,
      ...(o.leaseMs !== undefined ? { leaseMs: o.leaseMs } : {}),
      ...(o.holder !== undefined ? { holder: o.holder } : {}),
      log: o.log,
      emptyReport: () => ({ ran: false, checked: 0, changed: 0, announced: 0, outages: 0, undecided: 0 }),
      startRun: () => this.startRound(),
    });
  }

  private now() {
    return this.o.now?.() ?? Date.now();
  }

  /** A round every interval until stop() (no timer when the interval is 0). */
  start() {
    this.job.start();
  }

  /** Stop the timer, let a running round finish, and hand the lease over at once. */
  stop() {
    return this.job.stop();
  }

  /** One round, after any round already running in this process. */
  runOnce(): Promise<SyncReport> {
    return this.job.runNow();
  }

  /** A round's batches: a page of due links each, until the round's reads or pages are used up. */
  private startRound() {
    // Links checked from now on are not due again this round.
    const started = new Date(this.now());
    const down = new Set<string>();
    let after: { checkedAt: Date; linkId: string } | undefined;
    let page = 0;
    const finish = async (report: SyncReport): Promise<'done'> => {
      if (!(await this.job.holdLease({ lastRound: started.toISOString() }))) {
        this.o.log.warn('wallet sync lease lost during the round; another copy continues');
      }
      if (report.changed > 0 || report.outages > 0) this.o.log.info({ ...report }, 'wallet status sync round');
      return 'done';
    };
    return async (report: SyncReport): Promise<'more' | 'done'> => {
      // Pages of candidates until the round's reads are used up; passing over a department that is down costs no
      // read, but the scan is bounded too.
      if (page >= 20 || report.checked + report.undecided >= this.batchSize) return finish(report);
      page++;
      const due = await linksDueForSync(this.o.db, { before: started, after, limit: this.batchSize });
      if (due.length === 0) return finish(report);
      for (const link of due) {
        if (report.checked + report.undecided >= this.batchSize) break;
        after = { checkedAt: link.checkedAt, linkId: link.linkId };
        if (down.has(link.issuerId)) {
          report.outages++;
          continue;
        }
        const reading = await this.read(link);
        if (reading.kind === 'outage') {
          down.add(link.issuerId);
          report.outages++;
          this.o.log.warn(
            { issuer: link.issuerId, type: link.type, reason: reading.reason },
            'wallet sync: department did not answer; its links are read again next round',
          );
          continue;
        }
        if (reading.kind === 'undecided') {
          report.undecided++;
          await markSynced(this.o.db, {
            linkId: link.linkId,
            certificateId: link.certificateId,
            at: new Date(this.now()),
          });
          continue;
        }
        report.checked++;
        const outcome = await this.apply(link, reading.standing);
        if (outcome.changed) report.changed++;
        report.announced += outcome.announced;
      }
      return due.length < this.batchSize ? finish(report) : 'more';
    };
  }

  /** Read the link's document from its department; an outage is never taken for "no record". */
  private async read(link: SyncCandidate): Promise<Reading> {
    const me = await this.o.identity.realIdentity(link.accountId).catch(() => null);
    if (!me) return { kind: 'undecided', reason: 'no real-name identity' };
    let documents: Awaited<ReturnType<WalletService['documentStandings']>>;
    try {
      documents = await this.o.wallet.documentStandings({
        type: link.type,
        idNumber: me.idNumber,
        ...(link.sourceCity ? { city: link.sourceCity as CityCode } : {}),
      });
    } catch (err) {
      if (err instanceof AppError && err.code === 'WALLET_NO_RECORD') {
        // The department answered: the person holds no document of the type any more.
        return { kind: 'standing', standing: { state: 'ended', reason: GONE_REASON[link.type] } };
      }
      if (err instanceof AppError && err.code !== 'DEPARTMENT_UNAVAILABLE' && err.code !== 'DEPARTMENT_BAD_ANSWER') {
        // An answer, but a rule of linking (切换城市, 服务未开通 …), not a fact about the document.
        return { kind: 'undecided', reason: err.code };
      }
      // DEPARTMENT_UNAVAILABLE (down, timeout, breaker open), DEPARTMENT_BAD_ANSWER, or anything unexpected.
      return { kind: 'outage', reason: err instanceof AppError ? err.code : 'error' };
    }
    if (link.documentIndex === null) {
      // Issued before 0045: which document is unknown; followed while the person holds just one.
      const only = documents.length === 1 ? documents[0] : undefined;
      return only ? { kind: 'standing', standing: only.standing } : { kind: 'undecided', reason: 'ambiguous' };
    }
    const doc = documents.find((d) => d.documentIndex === link.documentIndex);
    return {
      kind: 'standing',
      standing: doc ? doc.standing : { state: 'ended', reason: GONE_REASON[link.type] },
    };
  }

  /** Act on what the department said; mark the link read. */
  private async apply(link: SyncCandidate, standing: DocumentStanding) {
    const at = new Date(this.now());
    const action = decide(link.standing, standing.state);
    if (!action) {
      await markSynced(this.o.db, {
        linkId: link.linkId,
        certificateId: link.certificateId,
        at,
        standing: standing.state,
      });
      return { changed: false, announced: 0 };
    }
    const before = link.certificateStatus;
    const after = await this.setStatus(action, link.certificateId);
    const changed = after !== undefined && after !== before;
    const announce = shouldAnnounce(action, { before, after, previous: link.standing });
    const reason = standing.state === 'in-force' ? '签发机构记录已恢复正常' : standing.reason;
    if (changed || announce) {
      await this.o.audit.record({
        action: 'wallet.status.sync',
        result: 'success',
        actorKind: 'system',
        subjectAccountId: link.accountId,
        detail: {
          what: credentialTypeSpec(link.type).name,
          type: link.type,
          certificateId: link.certificateId,
          from: before,
          to: after ?? null,
          reason,
        },
      });
    }
    let announced = 0;
    const change = link.changes + (announce ? 1 : 0);
    if (announce) {
      announced = await this.o.notifications.deliver([
        statusMessage({ accountId: link.accountId, linkId: link.linkId, type: link.type, action, reason, change, at }),
      ]);
    }
    await markSynced(this.o.db, {
      linkId: link.linkId,
      certificateId: link.certificateId,
      at,
      standing: standing.state,
      changes: change,
    });
    return { changed, announced };
  }

  private setStatus(action: SyncAction, certificateId: string) {
    return action === 'revoke'
      ? this.o.wallet.revoke(certificateId)
      : action === 'suspend'
        ? this.o.wallet.suspend(certificateId)
        : this.o.wallet.reinstate(certificateId);
  }
}
