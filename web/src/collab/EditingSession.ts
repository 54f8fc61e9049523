import type { Edit } from './operations/edit';
import { sequenceOf, type CollaborativeOperation, type OperationType, type Rejection, type VersionVector } from './operations/operation';
import { ProjectReplica } from './replica/ProjectReplica';
import type { ReplicaSnapshotJson } from './replica/replicaSnapshot';
import type { ProjectDocument } from '../document/projectDocument';
import { uuidv7 } from './uuidv7';
import { lamport } from './operations/versionVector';

/** What an editing session needs from the outside world; tests pass fakes. */
export interface SessionClock {
  now(): number;
  newId(): string;
}

const systemClock: SessionClock = { now: () => Date.now(), newId: () => uuidv7() };

/**
 * One browser tab editing one project (the C# EditingSession's counterpart, with optimism): every
 * edit becomes an operation of this session, numbered in its version vector and applied locally at
 * once; it stays *pending* until the server acknowledges it (op:applied carrying its op id).
 *
 * Two replicas make rollback exact: `confirmed` holds what the server has logged (acknowledged ops
 * and everyone else's), `local` is confirmed plus the pending ops, and is what the user sees. When
 * the server refuses an op, local is rebuilt from confirmed and the ops still pending — an undo of
 * just that op, whatever arrived in between.
 */
export class EditingSession {
  private confirmed: ProjectReplica;
  private local: ProjectReplica;
  private readonly pending = new Map<string, CollaborativeOperation>();
  private sequence: number;
  private document: ProjectDocument | null = null;

  constructor(
    projectId: string,
    readonly userId: string,
    readonly sessionId: string,
    private readonly clock: SessionClock = systemClock,
    firstSequence = 0,
  ) {
    this.confirmed = new ProjectReplica(projectId);
    this.local = new ProjectReplica(projectId);
    this.sequence = firstSequence;
  }

  /** The document the user sees: everything confirmed plus this tab's pending edits. */
  get view(): ProjectDocument {
    return (this.document ??= this.local.toDocument());
  }

  /** What the server has logged that this tab knows of: what a re-join asks to catch up from. */
  get confirmedVector(): VersionVector {
    return this.confirmed.versionVector;
  }

  /** The ops sent (or to send) and not yet acknowledged, in the order they were made. */
  get pendingOps(): CollaborativeOperation[] {
    return [...this.pending.values()];
  }

  /** The number of this session's latest op; a reload resumes after it so numbers never repeat. */
  get lastSequence(): number {
    return this.sequence;
  }

  /** The local replica, for the server-side checks an edit can run before it is sent. */
  get replica(): ProjectReplica {
    return this.local;
  }

  /**
   * Makes one operation per edit, applies each locally, and returns them to be sent as one batch
   * (one user action, so that undo takes it back whole). Each op's clock is one past every clock this
   * tab has merged (a Lamport clock: an op always wins over what its author had seen), written compactly
   * as its own number and the rest of the clock, as the server logs it (docs/collaboration.md).
   */
  author(edits: readonly Edit[], parentOpId?: string): { ops: CollaborativeOperation[]; rejection: Rejection | null } {
    const ops: CollaborativeOperation[] = [];
    const firstSequence = this.sequence;
    for (const edit of edits) {
      const op: CollaborativeOperation = {
        op_id: this.clock.newId(),
        user_id: this.userId,
        session_id: this.sessionId,
        type: edit.type as OperationType,
        path: [...edit.path],
        ...(edit.type === 'delete' ? {} : { value: edit.value }),
        version_vector: lamport(this.sessionId, this.sequence + 1, Math.max(this.local.clock + 1, this.sequence + 1)),
        timestamp: this.clock.now(),
        ...(parentOpId ? { parent_op_id: parentOpId } : {}),
      };
      // An op the server is bound to refuse (a malformed value, a note on a track someone just deleted)
      // is not sent: the whole action is dropped here, with the server's reason.
      const refused = this.local.check(op) ?? this.local.apply(op);
      if (refused) {
        for (const made of ops) this.pending.delete(made.op_id);
        this.sequence = firstSequence;
        this.rebuild();
        return { ops: [], rejection: refused };
      }
      this.sequence++;
      this.pending.set(op.op_id, op);
      ops.push(op);
    }
    this.document = null;
    return { ops, rejection: null };
  }

  /**
   * Merges ops the server has logged (op:applied, or a catch-up). Our own come back as
   * acknowledgements; everyone else's are applied to both replicas. Returns true when the view changed.
   */
  receive(ops: readonly CollaborativeOperation[]): boolean {
    let changed = false;
    for (const op of ops) {
      this.confirmed.apply(op);
      if (this.pending.delete(op.op_id)) continue;
      // An op of this session that this tab did not author (made by the server on its behalf, or by this
      // tab before a reload): never reuse its number.
      if (op.session_id === this.sessionId) this.sequence = Math.max(this.sequence, sequenceOf(op));
      this.local.apply(op);
      changed = true;
    }
    if (changed) this.document = null;
    return changed;
  }

  /**
   * The server refused an op: forget it and rebuild what the user sees from the confirmed state and
   * the ops still pending. Returns the refused op, or null when it was not (or no longer) pending.
   */
  reject(opId: string): CollaborativeOperation | null {
    const op = this.pending.get(opId);
    if (!op) return null;
    this.pending.delete(opId);
    this.rebuild();
    return op;
  }

  /** Starts from a fresh catch-up of the whole log (a first load): pending ops are replayed on top. */
  resetConfirmed(ops: readonly CollaborativeOperation[]): void {
    this.confirmed = new ProjectReplica(this.confirmed.projectId);
    for (const op of ops) {
      this.confirmed.apply(op);
      if (op.session_id === this.sessionId) this.sequence = Math.max(this.sequence, sequenceOf(op));
      this.pending.delete(op.op_id);
    }
    this.rebuild();
  }

  /**
   * Starts from the server's replica snapshot (the hub's state:sync on a first join): everything
   * logged so far, with the stamps that decide later merges. Pending ops are replayed on top.
   */
  loadSnapshot(snapshot: ReplicaSnapshotJson): void {
    this.confirmed = ProjectReplica.fromSnapshot(snapshot);
    this.sequence = Math.max(this.sequence, this.confirmed.versionVector[this.sessionId] ?? 0);
    for (const id of [...this.pending.keys()]) {
      const op = this.pending.get(id)!;
      if (this.confirmed.hasSeen(op.session_id, sequenceOf(op))) this.pending.delete(id);
    }
    this.rebuild();
  }

  /** Puts back ops that a previous page of this tab made and never saw acknowledged (kept across a reload). */
  restorePending(ops: readonly CollaborativeOperation[]): void {
    for (const op of ops) {
      if (op.session_id !== this.sessionId || this.confirmed.hasSeen(op.session_id, sequenceOf(op))) continue;
      this.pending.set(op.op_id, op);
      this.sequence = Math.max(this.sequence, sequenceOf(op));
    }
    this.rebuild();
  }

  private rebuild(): void {
    this.local = this.confirmed.clone();
    for (const op of this.pending.values()) this.local.apply(op);
    this.document = null;
  }
}
