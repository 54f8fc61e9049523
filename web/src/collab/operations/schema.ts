import { rejection, type Rejection } from './operation';
import { isValidOrderKey, MAX_ORDER_LENGTH } from '../../document/fractionalIndex';
import { parseMode, parsePitchClass, type MusicalKey } from '../../music/musicalKey';
import { defaultPresetFor, defaultTrackName, INSTRUMENT_PRESETS, TRACK_KINDS, type TrackKind } from '../../document/trackKinds';
import { LIMITS } from '../../document/limits';

/**
 * The shape of the document and the type, range and default of every property, as
 * src/Zordic.Collab/Operations/PropertySchema.cs and OperationTarget.cs check them. Every replica
 * runs the same checks, so an op is valid everywhere or nowhere; the codes are the same as the
 * server's, the messages close to them.
 */
export type TargetKind = 'project' | 'track' | 'clip' | 'note';

export const PROPERTIES: Readonly<Record<TargetKind, readonly string[]>> = {
  project: ['name', 'bpm', 'time_signature', 'key', 'swing'],
  track: ['name', 'kind', 'instrument', 'volume', 'pan', 'mute', 'solo', 'order'],
  clip: ['start_bar', 'length_bars'],
  note: ['pitch', 'start_tick', 'duration_ticks', 'velocity'],
};

export interface TimeSignature {
  readonly numerator: number;
  readonly denominator: number;
}

/** A checked property value: numbers, flags, names, a metre or a key. */
export type PropertyValue = number | boolean | string | TimeSignature | MusicalKey;

/** A parsed path: which object, by the ids along the way, and for updates which property. */
export interface OperationTarget {
  readonly kind: TargetKind;
  readonly trackId: string | null;
  readonly clipId: string | null;
  readonly noteId: string | null;
  readonly property: string | null;
}

const KINDS_BY_DEPTH: readonly TargetKind[] = ['project', 'track', 'clip', 'note'];
const COLLECTIONS = ['tracks', 'clips', 'notes'];

/** Ids are short printable tokens (UUIDs fit), so they are safe in paths, logs and URLs. */
export function isValidId(id: unknown): id is string {
  if (typeof id !== 'string' || id.length === 0 || id.length > LIMITS.maxIdLength) return false;
  return /^[A-Za-z0-9\-_:.]+$/.test(id);
}

export const shorten = (s: string | null | undefined): string => (s == null ? 'null' : s.length <= 40 ? s : `${s.slice(0, 40)}…`);

type Parsed<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };
const fail = (code: Rejection['code'], message: string): { ok: false; rejection: Rejection } => ({ ok: false, rejection: rejection(code, message) });

export function parseTarget(rawPath: readonly unknown[] | null | undefined): Parsed<OperationTarget> {
  if (!Array.isArray(rawPath) || rawPath.length === 0)
    return fail('invalid_path', 'path is empty: it must name a project property or an object, e.g. ["bpm"] or ["tracks", id].');
  // Numbers are read as their text (PathJsonConverter) so that ["tracks", 0] is refused with a message about ids.
  const path = rawPath.map((s) => (typeof s === 'number' ? String(s) : (s as string)));
  if (path.length === 1) {
    if (PROPERTIES.project.includes(path[0]!)) return { ok: true, value: { kind: 'project', trackId: null, clipId: null, noteId: null, property: path[0]! } };
    return fail('invalid_path', `'${path[0]}' is not a project property (name, bpm, time_signature, key, swing).`);
  }
  const ids: (string | null)[] = [null, null, null];
  let depth = 0;
  let i = 0;
  while (i < path.length) {
    if (depth < 3 && path[i] === COLLECTIONS[depth]) {
      if (i + 1 >= path.length) return fail('invalid_path', `'${path[i]}' must be followed by an id.`);
      if (!isValidId(path[i + 1]))
        return fail('invalid_path', `'${shorten(path[i + 1])}' is not a valid id (1–64 letters, digits, '-', '_', ':' or '.'); paths address objects by id, never by index.`);
      ids[depth++] = path[i + 1]!;
      i += 2;
      continue;
    }
    break;
  }
  if (depth === 0) return fail('invalid_path', `'${shorten(path[0])}' is not a project property or collection (tracks).`);
  const kind = KINDS_BY_DEPTH[depth]!;
  let property: string | null = null;
  if (i < path.length) {
    if (i !== path.length - 1)
      return fail('invalid_path', `path continues after '${shorten(path[i])}'; expected ${depth < 3 ? `'${COLLECTIONS[depth]}' or ` : ''}a property name at the end.`);
    if (!PROPERTIES[kind].includes(path[i]!))
      return fail('invalid_path', `'${shorten(path[i])}' is not a property of a ${kind} (${PROPERTIES[kind].join(', ')}).`);
    property = path[i]!;
  }
  return { ok: true, value: { kind, trackId: ids[0]!, clipId: ids[1]!, noteId: ids[2]!, property } };
}

export const objectIdOf = (t: OperationTarget): string | null =>
  t.kind === 'track' ? t.trackId : t.kind === 'clip' ? t.clipId : t.kind === 'note' ? t.noteId : null;

/** A short rendering of a JSON value for messages. */
export function describe(json: unknown): string {
  if (json === undefined) return 'nothing';
  if (typeof json === 'string') return `"${shorten(json)}"`;
  if (Array.isArray(json)) return 'an array';
  if (json !== null && typeof json === 'object') return 'an object';
  return shorten(JSON.stringify(json));
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function number(json: unknown, name: string, min: number, max: number): Parsed<PropertyValue> {
  if (typeof json !== 'number' || !Number.isFinite(json)) return fail('invalid_value', `${name} must be a number, got ${describe(json)}`);
  if (json < min || json > max) return fail('out_of_range', `${name} must be from ${min} to ${max}, got ${json}`);
  return { ok: true, value: json };
}

function integer(json: unknown, name: string, min: number, max: number): Parsed<PropertyValue> {
  if (typeof json !== 'number' || !Number.isFinite(json) || json !== Math.floor(json)) return fail('invalid_value', `${name} must be an integer, got ${describe(json)}`);
  if (json < min || json > max) return fail('out_of_range', `${name} must be from ${min} to ${max}, got ${json}`);
  return { ok: true, value: json };
}

/** Parses and checks one property value. */
export function parseProperty(property: string, json: unknown): Parsed<PropertyValue> {
  switch (property) {
    case 'name': {
      if (typeof json !== 'string') return fail('invalid_value', `name must be a string, got ${describe(json)}`);
      if (json.trim().length === 0) return fail('out_of_range', 'name must not be empty');
      if (json.length > LIMITS.maxNameLength) return fail('out_of_range', `name must be at most ${LIMITS.maxNameLength} characters, got ${json.length}`);
      return { ok: true, value: json };
    }
    case 'bpm': return number(json, 'bpm', LIMITS.minBpm, LIMITS.maxBpm);
    case 'swing': return number(json, 'swing', LIMITS.minSwing, LIMITS.maxSwing);
    case 'volume': return number(json, 'volume (dB)', LIMITS.minVolumeDb, LIMITS.maxVolumeDb);
    case 'pan': return number(json, 'pan', LIMITS.minPan, LIMITS.maxPan);
    case 'mute':
    case 'solo':
      if (typeof json !== 'boolean') return fail('invalid_value', `${property} must be true or false, got ${describe(json)}`);
      return { ok: true, value: json };
    case 'kind':
      if (typeof json !== 'string' || !(TRACK_KINDS as readonly string[]).includes(json))
        return fail('invalid_value', `kind must be one of ${TRACK_KINDS.join(', ')}, got ${describe(json)}`);
      return { ok: true, value: json };
    case 'instrument':
      if (typeof json !== 'string' || !(INSTRUMENT_PRESETS as readonly string[]).includes(json))
        return fail('invalid_value', `instrument must be one of ${INSTRUMENT_PRESETS.join(', ')}, got ${describe(json)}`);
      return { ok: true, value: json };
    case 'order':
      if (typeof json !== 'string' || !isValidOrderKey(json))
        return fail('invalid_value', `order must be a fractional index key (base-62 digits 0-9A-Za-z, not ending in '0', at most ${MAX_ORDER_LENGTH} characters), got ${describe(json)}`);
      return { ok: true, value: json };
    case 'time_signature': {
      if (isPlainObject(json) && Object.keys(json).length === 2 && isInt32(json.numerator) && isInt32(json.denominator)) {
        const n = json.numerator as number;
        const d = json.denominator as number;
        if (!(n >= 1 && n <= 32 && [1, 2, 4, 8, 16, 32].includes(d)))
          return fail('out_of_range', `time_signature ${n}/${d} is not supported: numerator 1–32, denominator 1, 2, 4, 8, 16 or 32`);
        return { ok: true, value: { numerator: n, denominator: d } };
      }
      return fail('invalid_value', `time_signature must be {"numerator": int, "denominator": int}, got ${describe(json)}`);
    }
    case 'key': {
      if (isPlainObject(json) && Object.keys(json).length === 2 && typeof json.tonic === 'string' && typeof json.mode === 'string') {
        const tonic = parsePitchClass(json.tonic);
        if (tonic === null) return fail('out_of_range', `key tonic '${shorten(json.tonic)}' is not a pitch name like C, F# or Bb`);
        const mode = parseMode(json.mode);
        if (mode === null) return fail('out_of_range', `key mode '${shorten(json.mode)}' is not one of major, minor, dorian, phrygian, lydian, mixolydian, locrian`);
        return { ok: true, value: { tonic, mode } };
      }
      return fail('invalid_value', `key must be {"tonic": "A", "mode": "minor"}, got ${describe(json)}`);
    }
    case 'start_bar': return integer(json, 'start_bar', 0, LIMITS.maxBars - 1);
    case 'length_bars': return integer(json, 'length_bars', 1, LIMITS.maxClipLengthBars);
    case 'pitch': return integer(json, 'pitch', LIMITS.minPitch, LIMITS.maxPitch);
    case 'velocity': return integer(json, 'velocity', LIMITS.minVelocity, LIMITS.maxVelocity);
    case 'start_tick': return integer(json, 'start_tick', 0, LIMITS.maxTicks);
    case 'duration_ticks': return integer(json, 'duration_ticks', 1, LIMITS.maxTicks);
    default: return fail('invalid_path', `unknown property ${property}`);
  }
}

const isInt32 = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;

/** A track's kind and order and a note's pitch, start and duration have no sensible default. */
function isRequired(kind: TargetKind, property: string): boolean {
  if (kind === 'track') return property === 'kind' || property === 'order';
  if (kind === 'note') return property === 'pitch' || property === 'start_tick' || property === 'duration_ticks';
  return false;
}

function defaultOf(property: string, trackKind: TrackKind): PropertyValue {
  switch (property) {
    case 'name': return defaultTrackName(trackKind);
    case 'instrument': return defaultPresetFor(trackKind);
    case 'mute':
    case 'solo': return false;
    case 'length_bars': return 1;
    case 'velocity': return 100;
    default: return 0; // volume 0 dB, pan centre, start bar 0
  }
}

/**
 * Parses an inserted object into one value per property of its kind (in PROPERTIES order), filling
 * defaults. Unknown fields are refused so that typos do not vanish silently.
 */
export function parseObject(kind: TargetKind, id: string, json: unknown): Parsed<PropertyValue[]> {
  if (!isPlainObject(json)) return fail('invalid_value', `an inserted ${kind} must be a JSON object, got ${describe(json)}`);
  const properties = PROPERTIES[kind];
  const values: (PropertyValue | undefined)[] = new Array(properties.length).fill(undefined);
  for (const [field, fieldValue] of Object.entries(json)) {
    if (field === 'id') {
      if (fieldValue !== id) return fail('invalid_value', `the ${kind}'s id field must equal the id in its path ('${id}')`);
      continue;
    }
    const slot = properties.indexOf(field);
    if (slot < 0) return fail('invalid_value', `'${shorten(field)}' is not a field of a ${kind} (${properties.join(', ')})`);
    const parsed = parseProperty(field, fieldValue);
    if (!parsed.ok) return parsed;
    values[slot] = parsed.value;
  }
  for (let slot = 0; slot < properties.length; slot++) {
    if (values[slot] === undefined && isRequired(kind, properties[slot]!)) return fail('invalid_value', `an inserted ${kind} needs '${properties[slot]}'`);
  }
  // A track's default name and instrument follow its kind.
  const trackKind = (kind === 'track' ? values[1] : 'drums') as TrackKind;
  for (let slot = 0; slot < properties.length; slot++) {
    if (values[slot] === undefined) values[slot] = defaultOf(properties[slot]!, trackKind);
  }
  return { ok: true, value: values as PropertyValue[] };
}
