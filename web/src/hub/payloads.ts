import type { CollaborativeOperation } from '../collab/operations/operation';
import type { ReplicaSnapshotJson } from '../collab/replica/replicaSnapshot';
import type { ProjectDocument } from '../document/projectDocument';

/** The hub's payloads (docs/hub.md), snake_case as they travel. */
export interface Participant {
  readonly connection_id: string;
  readonly user_id: string;
  readonly display_name: string;
  readonly color: string;
}

export interface LoggedOperation {
  readonly seq: number;
  readonly op: CollaborativeOperation;
}

export interface StateSync {
  readonly project_id: string;
  readonly seq: number;
  readonly document?: ProjectDocument | null;
  readonly replica?: ReplicaSnapshotJson | null;
  readonly ops?: readonly LoggedOperation[] | null;
}

export interface UserCursor extends Participant {
  readonly track: string | null;
  readonly beat: number | null;
}

export interface UserSelection extends Participant {
  readonly track: string | null;
  readonly ids: readonly string[];
}

export interface PlaybackSync {
  readonly connection_id: string;
  readonly user_id: string;
  readonly playing: boolean;
  readonly bpm: number;
  readonly position: number;
  readonly server_time: number;
}

export interface HubResult {
  readonly ok: boolean;
  readonly code?: string | null;
  readonly message?: string | null;
  /** agent:compose, agent:harmonize: the id their suggestions will carry. */
  readonly request_id?: string | null;
  /** agent:accept, op:undo: how many ops were applied and refused. */
  readonly applied?: number | null;
  readonly rejected?: number | null;
}

export type LinkStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';
