import { rejection, sequenceOf, type CollaborativeOperation, type Rejection } from '../operations/operation';
import { stampOf, type OpStamp } from '../operations/opStamp';
import { isValidId, objectIdOf, parseObject, parseProperty, parseTarget, type OperationTarget, type PropertyValue } from '../operations/schema';

/** An operation whose fields, path and value have been checked, with its stamp and parsed value. */
export interface ParsedOperation {
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
