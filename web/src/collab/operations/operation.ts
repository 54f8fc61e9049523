/**
 * The wire format of an operation: the seed's `CollaborativeOperation`, snake_case, exactly as the
 * server reads and writes it (src/Zordic.Collab/Operations/CollaborativeOperation.cs). Paths address
 * objects by id: ["tracks", T, "clips", C, "notes", N, "velocity"]; docs/collaboration.md has the rules.
 */
export type OperationType = 'insert' | 'delete' | 'update';

/** Session id → number of that session's ops seen. */
export type VersionVector = Readonly<Record<string, number>>;

export interface CollaborativeOperation {
  readonly op_id: string;
  readonly user_id: string;
  readonly session_id: string;
  readonly type: OperationType;
  readonly path: readonly string[];
  /** The inserted object, or the property's new value; absent for deletes. */
  readonly value?: unknown;
  readonly version_vector: VersionVector;
  /** Milliseconds since the Unix epoch on the author's wall clock (ordering tie-break only). */
  readonly timestamp: number;
  readonly parent_op_id?: string | null;
}

/** Why an op was refused: a stable code for machines and a message for people. */
export interface Rejection {
  readonly code: RejectionCode;
  readonly message: string;
}

/** The codes of src/Zordic.Collab/Operations/Rejection.cs; clients switch on these. */
export type RejectionCode =
  | 'malformed'
  | 'invalid_path'
  | 'type_mismatch'
  | 'invalid_value'
  | 'out_of_range'
  | 'immutable_property'
  | 'not_found'
  | 'deleted'
  | 'already_exists'
  | 'invalid_version_vector'
  | 'rate_limited'
  | 'unknown_project';

export const rejection = (code: RejectionCode, message: string): Rejection => ({ code, message });

/** This op's number within its session: its own entry of the version vector. */
export const sequenceOf = (op: CollaborativeOperation): number => op.version_vector[op.session_id] ?? 0;
