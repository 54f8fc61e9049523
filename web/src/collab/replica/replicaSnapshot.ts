import type { OpStamp } from '../operations/opStamp';
import { PROPERTIES, type PropertyValue, type TargetKind, type TimeSignature } from '../operations/schema';
import { compareOrdinal } from '../operations/versionVector';
import type { MusicalKey } from '../../music/musicalKey';
import { TRACK_KINDS, type TrackKind } from '../../document/trackKinds';
import { write } from './lww';
import type { ObjectState } from './ObjectState';

/*
 * The replica's whole state as JSON, in the format of src/Zordic.Collab/Replica/ReplicaSnapshot.cs:
 * every object with its tombstone and each property's register (value and stamp). Flags, track kinds,
 * metres and keys are written as the C# registers hold them (numbers and pairs).
 */

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
  /** The sum of every session's highest count, including sessions the server no longer lists in `seen`. */
  seen_total?: number;
  root: SnapshotNodeJson;
}

const CHILD_KIND: Record<TargetKind, TargetKind> = { project: 'track', track: 'clip', clip: 'note', note: 'note' };

export function writeNode(node: ObjectState): SnapshotNodeJson {
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

export function readNode(json: SnapshotNodeJson, node: ObjectState): void {
  const stampAt = (r: RegisterJson): OpStamp => ({ clock: r[1], timestamp: r[2], opId: r[3] });
  if (json.alive) write(node.alive, json.alive[0] as boolean, stampAt(json.alive));
  json.props.forEach((register, slot) => {
    if (register) write(node.properties[slot]!, readValue(PROPERTIES[node.kind][slot]!, register[0]), stampAt(register));
  });
  for (const child of json.children ?? []) readNode(child, node.child(CHILD_KIND[node.kind], child.id));
}
