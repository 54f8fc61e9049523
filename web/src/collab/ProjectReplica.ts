import { rejection, sequenceOf, type CollaborativeOperation, type Rejection, type VersionVector } from './operation';
import { compareStamps, stampOf, type OpStamp } from './opStamp';
import { isValidId, objectIdOf, parseObject, parseProperty, parseTarget, PROPERTIES, type OperationTarget, type PropertyValue, type TargetKind, type TimeSignature } from './schema';
import { canonical, compareOrdinal } from './versionVector';
import type { ClipDocument, NoteDocument, ProjectDocument, TrackDocument } from '../document/projectDocument';
import { C_MAJOR, keyJson, type MusicalKey } from '../music/musicalKey';
import { TRACK_KINDS, type InstrumentPreset, type TrackKind } from '../document/trackKinds';

/**
 * A last-writer-wins register: keeps the value written by the greatest stamp. Writing is
 * commutative, associative and idempotent, which is all a CRDT register needs.
 */
interface Register<T> {
  value: T;
  stamp: OpStamp | null;
}

function write<T>(register: Register<T>, value: T, stamp: OpStamp): boolean {
  if (register.stamp !== null && compareStamps(stamp, register.stamp) <= 0) return false;
  register.value = value;
  register.stamp = stamp;
  return true;
}

/**
 * The replicated state of one object: whether it exists, one register per property, and its
 * children by id. A node can exist before its insert arrives (an update delivered out of order); it
 * is visible only once inserted and while not deleted. Deleting an object hides its children with
 * it; inserting the same id again after the delete restores them.
 */
class ObjectState {
  readonly alive: Register<boolean> = { value: false, stamp: null };
  readonly properties: Register<PropertyValue>[];
  children: Map<string, ObjectState> | null = null;
  /** Bumped by every op merged at or under this object: lets the document reuse unchanged tracks. */
  version = 0;

  constructor(readonly kind: TargetKind, readonly id: string) {
    this.properties = PROPERTIES[kind].map(() => ({ value: 0, stamp: null }));
  }

  get isLive(): boolean {
    return this.alive.stamp !== null && this.alive.value;
  }

  child(kind: TargetKind, id: string): ObjectState {
    this.children ??= new Map();
    let child = this.children.get(id);
    if (!child) {
      child = new ObjectState(kind, id);
      this.children.set(id, child);
    }
    return child;
  }

  findChild(id: string | null): ObjectState | undefined {
    return id === null ? undefined : this.children?.get(id);
  }

  clone(): ObjectState {
    const copy = new ObjectState(this.kind, this.id);
    copy.version = this.version;
    copy.alive.value = this.alive.value;
    copy.alive.stamp = this.alive.stamp;
    this.properties.forEach((p, i) => {
      copy.properties[i]!.value = p.value;
      copy.properties[i]!.stamp = p.stamp;
    });
    if (this.children) copy.children = new Map([...this.children].map(([id, c]) => [id, c.clone()]));
    return copy;
  }
}

interface ParsedOperation {
  readonly op: CollaborativeOperation;
  readonly target: OperationTarget;
  readonly stamp: OpStamp;
  readonly value: PropertyValue | null;
  readonly fields: PropertyValue[] | null;
}

const isControl = (c: number): boolean => c <= 0x1f || (c >= 0x7f && c <= 0x9f);

/**
 * The checks every replica makes, independent of its state (ParsedOperation.TryParse): field
 * formats, the path's shape, whether the type fits the path, and the value's type and range.
 */
export function parseOperation(op: CollaborativeOperation): { ok: true; parsed: ParsedOperation } | { ok: false; rejection: Rejection } {
  const fail = (code: Rejection['code'], message: string) => ({ ok: false as const, rejection: rejection(code, message) });
  if (!isValidId(op.op_id)) return fail('malformed', "op_id must be 1–64 letters, digits, '-', '_', ':' or '.' (a UUID fits)");
  const user = op.user_id;
  if (typeof user !== 'string' || user.trim().length === 0 || user.length > 128 || [...user].some((ch) => isControl(ch.charCodeAt(0))))
    return fail('malformed', 'user_id must be 1–128 printable characters');
  if (!isValidId(op.session_id)) return fail('malformed', "session_id must be 1–64 letters, digits, '-', '_', ':' or '.'");
  if (op.parent_op_id != null && !isValidId(op.parent_op_id)) return fail('malformed', 'parent_op_id, when present, must be an op id');
  const timestamp = op.timestamp ?? 0;
  if (typeof timestamp !== 'number' || !Number.isInteger(timestamp)) return fail('malformed', 'timestamp must be an integer (milliseconds since the Unix epoch).');
  if (timestamp < 0) return fail('malformed', 'timestamp must be milliseconds since the Unix epoch');
  if (op.version_vector === null || typeof op.version_vector !== 'object') return fail('malformed', 'the operation has no version_vector.');
  for (const [session, count] of Object.entries(op.version_vector)) {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return fail('malformed', `version_vector['${session}'] must be a non-negative integer.`);
  }
  if (sequenceOf(op) < 1) return fail('invalid_version_vector', `version_vector must count this op under its session_id '${op.session_id}' (≥ 1)`);
  const target = parseTarget(op.path);
  if (!target.ok) return target;
  const t = target.value;
  const stamp = stampOf(op);
  const value = op.value === null ? undefined : op.value;
  switch (op.type) {
    case 'update': {
      if (t.property === null)
        return fail('type_mismatch', `an update's path must end with a property name; [${op.path.join(', ')}] names a whole ${t.kind} (insert or delete it instead)`);
      if (t.property === 'kind') return fail('immutable_property', "a track's kind is fixed when it is created; add a new track of the other kind instead");
      if (value === undefined) return fail('invalid_value', `an update of ${t.property} needs a value`);
      const parsed = parseProperty(t.property, value);
      if (!parsed.ok) return parsed;
      return { ok: true, parsed: { op, target: t, stamp, value: parsed.value, fields: null } };
    }
    case 'insert': {
      if (t.property !== null || t.kind === 'project')
        return fail('type_mismatch', "an insert's path must name a track, clip or note by id, not a property (use update)");
      if (value === undefined) return fail('invalid_value', `an insert needs the new ${t.kind} as its value`);
      const fields = parseObject(t.kind, objectIdOf(t)!, value);
      if (!fields.ok) return fields;
      return { ok: true, parsed: { op, target: t, stamp, value: null, fields: fields.value } };
    }
    case 'delete':
      if (t.property !== null || t.kind === 'project')
        return fail('type_mismatch', "a delete's path must name a track, clip or note by id; properties are changed with update");
      if (value !== undefined) return fail('invalid_value', 'a delete carries no value');
      return { ok: true, parsed: { op, target: t, stamp, value: null, fields: null } };
    default:
      return fail('malformed', 'type must be insert, delete or update');
  }
}

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
  // Tracks as last materialized, by id, with the version they were made at: an edit of one track
  // leaves every other track the same object, so views of unchanged tracks need not redraw.
  private readonly trackDocuments = new Map<string, { version: number; document: TrackDocument }>();

  constructor(readonly projectId: string) {}

  /** For each session, the number of its latest op this replica has applied. */
  get versionVector(): VersionVector {
    return (this.vector ??= canonical(Object.fromEntries(this.seen)));
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
    return { format: 1, project_id: this.projectId, seen: Object.fromEntries([...this.seen].sort(([a], [b]) => compareOrdinal(a, b))), root: writeNode(this.root) };
  }

  static fromSnapshot(json: ReplicaSnapshotJson): ProjectReplica {
    if (json.format !== 1) throw new Error(`unknown replica snapshot format ${json.format}`);
    const replica = new ProjectReplica(json.project_id);
    readNode(json.root, replica.root);
    for (const [session, seq] of Object.entries(json.seen)) replica.seen.set(session, seq);
    return replica;
  }

  clone(): ProjectReplica {
    const copy = new ProjectReplica(this.projectId);
    copy.root = this.root.clone();
    copy.seen = new Map(this.seen);
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

/** A register in a snapshot: [value, clock, timestamp, op id]. */
type RegisterJson = [unknown, number, number, string];

export interface SnapshotNodeJson {
  id: string;
  alive?: RegisterJson;
  props: (RegisterJson | null)[];
  children?: SnapshotNodeJson[];
}

export interface ReplicaSnapshotJson {
  format: number;
  project_id: string;
  seen: Record<string, number>;
  root: SnapshotNodeJson;
}

const CHILD_KIND: Record<TargetKind, TargetKind> = { project: 'track', track: 'clip', clip: 'note', note: 'note' };

function writeNode(node: ObjectState): SnapshotNodeJson {
  const out: SnapshotNodeJson = { id: node.id, props: [] };
  if (node.alive.stamp) out.alive = [node.alive.value, node.alive.stamp.clock, node.alive.stamp.timestamp, node.alive.stamp.opId];
  out.props = node.properties.map((register, slot) => {
    if (!register.stamp) return null;
    return [writeValue(PROPERTIES[node.kind][slot]!, register.value), register.stamp.clock, register.stamp.timestamp, register.stamp.opId];
  });
  if (node.children && node.children.size > 0) {
    out.children = [...node.children.values()].sort((a, b) => compareOrdinal(a.id, b.id)).map(writeNode);
  }
  return out;
}

function writeValue(property: string, value: PropertyValue): unknown {
  switch (property) {
    case 'time_signature': {
      const m = value as TimeSignature;
      return [m.numerator, m.denominator];
    }
    case 'key': {
      const k = value as MusicalKey;
      return [k.tonic, k.mode];
    }
    case 'mute':
    case 'solo':
      return value ? 1 : 0; // flags are numbers in the C# register
    case 'kind':
      return TRACK_KINDS.indexOf(value as TrackKind);
    default:
      return value;
  }
}

function readValue(property: string, json: unknown): PropertyValue {
  switch (property) {
    case 'time_signature': {
      const [numerator, denominator] = json as [number, number];
      return { numerator, denominator };
    }
    case 'key': {
      const [tonic, mode] = json as [number, number];
      return { tonic, mode };
    }
    case 'mute':
    case 'solo':
      return json !== 0;
    case 'kind':
      return TRACK_KINDS[json as number]!;
    default:
      return json as PropertyValue;
  }
}

function readNode(json: SnapshotNodeJson, node: ObjectState): void {
  const stampAt = (r: RegisterJson): OpStamp => ({ clock: r[1], timestamp: r[2], opId: r[3] });
  if (json.alive) write(node.alive, json.alive[0] as boolean, stampAt(json.alive));
  json.props.forEach((register, slot) => {
    if (register) write(node.properties[slot]!, readValue(PROPERTIES[node.kind][slot]!, register[0]), stampAt(register));
  });
  for (const child of json.children ?? []) readNode(child, node.child(CHILD_KIND[node.kind], child.id));
}

function* liveChildren(node: ObjectState): Iterable<ObjectState> {
  if (!node.children) return;
  for (const child of node.children.values()) if (child.isLive) yield child;
}
