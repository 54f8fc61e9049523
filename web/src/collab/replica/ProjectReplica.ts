import { rejection, sequenceOf, type CollaborativeOperation, type Rejection, type VersionVector } from '../operations/operation';
import { PROPERTIES, type OperationTarget, type TargetKind, type TimeSignature } from '../operations/schema';
import { canonical, compareOrdinal } from '../operations/versionVector';
import type { ClipDocument, NoteDocument, ProjectDocument, TrackDocument } from '../../document/projectDocument';
import type { InstrumentPreset, TrackKind } from '../../document/trackKinds';
import { C_MAJOR, keyJson, type MusicalKey } from '../../music/musicalKey';
import { write } from './lww';
import { ObjectState } from './ObjectState';
import { parseOperation, type ParsedOperation } from './parsedOperation';
import { readNode, writeNode, type ReplicaSnapshotJson } from './replicaSnapshot';

const DEPTH: Record<TargetKind, number> = { project: 0, track: 1, clip: 2, note: 3 };
const KIND_AT: readonly TargetKind[] = ['project', 'track', 'clip', 'note'];

/**
 * One replica of a project document: a state-based CRDT fed with operations, merging exactly as
 * src/Zordic.Collab/Replica/ProjectReplica.cs does. Applying the same set of operations in any
 * order, with duplicates, leaves every replica (this one and the server's) in the same state.
 */
export class ProjectReplica {
  private root = new ObjectState('project', '');
  // The highest op number seen per session. Sessions send their ops in order, so this is exactly what a
  // catch-up request needs; merging only the op's own dot keeps it honest when ops arrive out of order.
  private seen = new Map<string, number>();
  private vector: VersionVector | null = null;
  // The greatest clock (sum of the version vector) merged: the Lamport clock a new op goes one past.
  private maxClock = 0;
  // Tracks as last materialized, by id, with the version they were made at: an edit of one track
  // leaves every other track the same object, so views of unchanged tracks need not redraw.
  private readonly trackDocuments = new Map<string, { version: number; document: TrackDocument }>();

  constructor(readonly projectId: string) {}

  /** For each session, the number of its latest op this replica has applied. */
  get versionVector(): VersionVector {
    return (this.vector ??= canonical(Object.fromEntries(this.seen)));
  }

  /** The greatest clock (Σ of the version vector) among the merged ops, as ProjectReplica.Clock in C#. */
  get clock(): number {
    return this.maxClock;
  }

  /**
   * Merges an operation as any replica does: checks its fields, path and value, but not whether its
   * target exists here yet, since ops may arrive in any order. Null when merged, else why not.
   */
  apply(op: CollaborativeOperation): Rejection | null {
    const result = parseOperation(op);
    if (!result.ok) return result.rejection;
    this.merge(result.parsed);
    return null;
  }

  /**
   * The server's extra checks before an op enters its log (ProjectReplica.Accept): the path resolves
   * to a live object (or, for an insert, to a live parent and a free id). The client uses it to spot an
   * edit that is bound to be refused before sending it; the version-vector check stays the server's.
   */
  check(op: CollaborativeOperation): Rejection | null {
    const result = parseOperation(op);
    return result.ok ? this.checkTarget(result.parsed) : result.rejection;
  }

  /** True when an op with this session and number has been applied. */
  hasSeen(sessionId: string, sequence: number): boolean {
    return (this.seen.get(sessionId) ?? 0) >= sequence;
  }

  /**
   * The replica's whole state, tombstones and stamps included, in the format of ReplicaSnapshot.cs
   * (children sorted by id, properties by slot): what the hub's state:sync carries, so that a client
   * that starts from it merges later ops exactly as the server does — a document alone would lose the
   * stamps that decide between concurrent writes.
   */
  toSnapshot(): ReplicaSnapshotJson {
    let seenTotal = 0;
    for (const count of this.seen.values()) seenTotal += count;
    return {
      format: 1,
      project_id: this.projectId,
      seen: Object.fromEntries([...this.seen].sort(([a], [b]) => compareOrdinal(a, b))),
      seen_total: seenTotal,
      root: writeNode(this.root),
    };
  }

  static fromSnapshot(json: ReplicaSnapshotJson): ProjectReplica {
    if (json.format !== 1) throw new Error(`unknown replica snapshot format ${json.format}`);
    const replica = new ProjectReplica(json.project_id);
    readNode(json.root, replica.root);
    for (const [session, seq] of Object.entries(json.seen)) replica.seen.set(session, seq);
    // Every merged op wrote a register that keeps the greatest stamp written to it, so the greatest
    // stamp in the tree is the greatest clock merged.
    replica.maxClock = replica.root.maxClock();
    return replica;
  }

  clone(): ProjectReplica {
    const copy = new ProjectReplica(this.projectId);
    copy.root = this.root.clone();
    copy.seen = new Map(this.seen);
    copy.maxClock = this.maxClock;
    return copy;
  }

  private merge(parsed: ParsedOperation): void {
    const node = this.navigate(parsed.target);
    if (parsed.target.trackId !== null) this.root.child('track', parsed.target.trackId).version++;
    const { stamp } = parsed;
    switch (parsed.op.type) {
      case 'insert':
        write(node.alive, true, stamp);
        parsed.fields!.forEach((field, slot) => write(node.properties[slot]!, field, stamp));
        break;
      case 'delete':
        write(node.alive, false, stamp);
        break;
      default: {
        const slot = PROPERTIES[parsed.target.kind].indexOf(parsed.target.property!);
        write(node.properties[slot]!, parsed.value!, stamp);
      }
    }
    if (stamp.clock > this.maxClock) this.maxClock = stamp.clock;
    const session = parsed.op.session_id;
    const sequence = sequenceOf(parsed.op);
    if ((this.seen.get(session) ?? 0) < sequence) {
      this.seen.set(session, sequence);
      this.vector = null;
    }
  }

  private navigate(target: OperationTarget): ObjectState {
    let node = this.root;
    if (target.trackId === null) return node;
    node = node.child('track', target.trackId);
    if (target.clipId === null) return node;
    node = node.child('clip', target.clipId);
    if (target.noteId === null) return node;
    return node.child('note', target.noteId);
  }

  private checkTarget(parsed: ParsedOperation): Rejection | null {
    const { target } = parsed;
    if (target.kind === 'project') return null;
    let node = this.root;
    const ids = [target.trackId, target.clipId, target.noteId];
    const depth = DEPTH[target.kind];
    for (let level = 0; level < depth; level++) {
      const child = node.findChild(ids[level]!);
      const noun = KIND_AT[level + 1]!;
      const isTarget = level === depth - 1;
      if (!child || child.alive.stamp === null) {
        if (isTarget && parsed.op.type === 'insert') return null;
        return rejection('not_found', `there is no ${noun} '${ids[level]}'${level > 0 ? ` in ${KIND_AT[level]} '${ids[level - 1]}'` : ''}`);
      }
      if (isTarget && parsed.op.type === 'insert') {
        // Inserting a deleted object's id again restores it (that is how a delete is undone).
        return child.isLive ? rejection('already_exists', `a ${noun} with id '${ids[level]}' already exists; every object needs a new id`) : null;
      }
      if (!child.isLive) return rejection('deleted', `${noun} '${ids[level]}' has been deleted`);
      node = child;
    }
    return null;
  }

  /** The visible document: live objects only, tracks by order, clips by bar, notes by time. */
  toDocument(): ProjectDocument {
    const tracks: TrackDocument[] = [];
    for (const t of liveChildren(this.root)) {
      const cached = this.trackDocuments.get(t.id);
      if (cached && cached.version === t.version) {
        tracks.push(cached.document);
        continue;
      }
      const clips: ClipDocument[] = [];
      for (const c of liveChildren(t)) {
        const notes: NoteDocument[] = [];
        for (const n of liveChildren(c)) {
          const p = n.properties;
          notes.push({ id: n.id, pitch: p[0]!.value as number, start_tick: p[1]!.value as number, duration_ticks: p[2]!.value as number, velocity: p[3]!.value as number });
        }
        notes.sort((a, b) => a.start_tick - b.start_tick || a.pitch - b.pitch || compareOrdinal(a.id, b.id));
        clips.push({ id: c.id, start_bar: c.properties[0]!.value as number, length_bars: c.properties[1]!.value as number, notes });
      }
      clips.sort((a, b) => a.start_bar - b.start_bar || compareOrdinal(a.id, b.id));
      const p = t.properties;
      const track: TrackDocument = {
        id: t.id,
        name: p[0]!.value as string,
        kind: p[1]!.value as TrackKind,
        instrument: p[2]!.value as InstrumentPreset,
        volume: p[3]!.value as number,
        pan: p[4]!.value as number,
        mute: p[5]!.value as boolean,
        solo: p[6]!.value as boolean,
        order: p[7]!.value as string,
        clips,
      };
      this.trackDocuments.set(t.id, { version: t.version, document: track });
      tracks.push(track);
    }
    tracks.sort((a, b) => compareOrdinal(a.order, b.order) || compareOrdinal(a.id, b.id));
    const root = this.root.properties;
    const isSet = (slot: number) => root[slot]!.stamp !== null;
    return {
      id: this.projectId,
      name: isSet(0) ? (root[0]!.value as string) : 'Untitled',
      bpm: isSet(1) ? (root[1]!.value as number) : 120,
      time_signature: isSet(2) ? { ...(root[2]!.value as TimeSignature) } : { numerator: 4, denominator: 4 },
      key: keyJson(isSet(3) ? (root[3]!.value as MusicalKey) : C_MAJOR),
      swing: isSet(4) ? (root[4]!.value as number) : 0,
      tracks,
      version_vector: this.versionVector,
    };
  }
}

function* liveChildren(node: ObjectState): Iterable<ObjectState> {
  if (!node.children) return;
  for (const child of node.children.values()) if (child.isLive) yield child;
}
