import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { nameStatement } from '../../db/named-statements.js';

/** At most this many presentations go into one insert. */
const MAX_BATCH = 200;
/** Expired rows are swept after this many presentations (one delete by the expiry index). */
const SWEEP_EVERY = 500;

interface Pending {
  digest: string;
  expiresAtMs: number;
  resolve: (firstUse: boolean) => void;
  reject: (err: unknown) => void;
}

/**
 * Presentations accepted once are refused again until their time window has passed, in the database so that
 * every server copy agrees (the primary key on the digest decides; expired rows are swept now and then).
 *
 * Group commit (like the audit log's): while one insert runs, the presentations checked meanwhile queue up and
 * go into the next one together — one multi-row `insert … on conflict do nothing returning digest`. A caller's
 * promise settles only once its own row is in (or was found there), so a second use is still refused across
 * copies; under load the statement's fixed cost (parse, plan, protocol round trip, PGlite's call into WASM) is
 * paid once per batch instead of once per verification (issue 6 benchmark: ~250–450 µs → ~50 µs per
 * presentation on PGlite at 20 in flight). The same digest twice in one batch: the first is the first use.
 */
export class ReplayGuard {
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;
  private inserted = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time this digest is seen (and records it until `expiresAtMs`), false for a replay. */
  firstUse(digest: string, expiresAtMs: number): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ digest, expiresAtMs, resolve, reject });
      this.draining ??= this.drainSoon();
    });
  }

  /**
   * The first insert waits for the end of this turn of the event loop: the requests whose bytes arrived in the
   * same turn reach the guard first and share it. Without the wait every batch held one presentation over
   * HTTP on PGlite, whose insert completes within the request's own turn (no I/O in between).
   */
  private async drainSoon(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await this.drain();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      let outcomes: (boolean | Failure)[];
      try {
        outcomes = await this.record(batch);
      } catch (err) {
        // The insert failed, so nothing of the batch was recorded. One presentation the database refuses must
        // not fail the others: record them one by one.
        if (batch.length === 1) outcomes = [new Failure(err)];
        else {
          outcomes = [];
          for (const p of batch)
            outcomes.push(
              await this.record([p]).then(
                (o) => o[0] ?? false,
                (e) => new Failure(e),
              ),
            );
        }
      }
      for (const [i, p] of batch.entries()) {
        const o = outcomes[i];
        if (o instanceof Failure) p.reject(o.err);
        else p.resolve(o === true);
      }
    }
    // No await between the loop's last check and here: a presentation queued later starts a new drain.
    this.draining = null;
  }

  /**
   * For each pending presentation: whether it is the first use, or why that could not be decided. Throws only
   * when the insert failed (then nothing of the batch is recorded and it may be retried).
   */
  private async record(batch: Pending[]): Promise<(boolean | Failure)[]> {
    // Within the batch, a digest's later occurrences are replays of its first.
    const unique = new Map<string, number>();
    for (const [i, p] of batch.entries()) if (!unique.has(p.digest)) unique.set(p.digest, i);
    const digests = [...unique.keys()];
    const expiries = [...unique.values()].map((i) => new Date(batch[i]?.expiresAtMs ?? Number.NaN).toISOString());
    this.inserted += batch.length;
    if (this.inserted >= SWEEP_EVERY) {
      this.inserted = 0;
      await this.db
        .deleteFrom('wallet_seen_presentations')
        .where('expires_at', '<', sql<Date>`${new Date(this.now())}`)
        .execute();
    }
    // One text whatever the batch size (arrays, not VALUES rows): on PostgreSQL a named statement, planned once.
    const insert = sql<{ digest: string }>`
      insert into wallet_seen_presentations (digest, expires_at)
      select d, e from unnest(${digests}::text[], ${expiries}::timestamptz[]) as t (d, e)
      on conflict (digest) do nothing
      returning digest`.compile(this.db);
    nameStatement(insert.sql);
    const inserted = await this.db.executeQuery(insert);
    const outcome = new Map<string, boolean | Failure>(inserted.rows.map((r) => [r.digest, true]));
    // A digest already there: a replay, unless its window has passed and no sweep removed it yet — then it is
    // taken over (rare). The row lock makes two copies taking over the same row at once agree: the second
    // re-reads the row the first updated, whose window has not passed, and updates nothing.
    const now = new Date(this.now());
    for (const [digest, i] of unique) {
      if (outcome.has(digest)) continue;
      try {
        const takenOver = await this.db
          .updateTable('wallet_seen_presentations')
          .set({ expires_at: new Date(batch[i]?.expiresAtMs ?? Number.NaN) })
          .where('digest', '=', digest)
          .where('expires_at', '<', now)
          .returning('digest')
          .executeTakeFirst();
        outcome.set(digest, takenOver !== undefined);
      } catch (err) {
        outcome.set(digest, new Failure(err));
      }
    }
    return batch.map((p, i) => {
      const o = outcome.get(p.digest) ?? false;
      return unique.get(p.digest) === i || o instanceof Failure ? o : false;
    });
  }
}

class Failure {
  constructor(readonly err: unknown) {}
}
