import type { CollaborativeOperation } from '../collab/operations/operation';

/**
 * This tab's unacknowledged ops, kept in sessionStorage per project so that a reload resends an edit
 * the server never acknowledged (EditingSession.restorePending puts them back).
 */
const PENDING_KEY = (projectId: string) => `zordic.pending.${projectId}`;

export function loadPending(projectId: string): CollaborativeOperation[] {
  try {
    return JSON.parse(sessionStorage.getItem(PENDING_KEY(projectId)) ?? '[]') as CollaborativeOperation[];
  } catch {
    return [];
  }
}

export function savePending(projectId: string, ops: readonly CollaborativeOperation[]): void {
  try {
    if (ops.length === 0) sessionStorage.removeItem(PENDING_KEY(projectId));
    else sessionStorage.setItem(PENDING_KEY(projectId), JSON.stringify(ops));
  } catch {
    // storage full or disabled: pending ops still live in memory
  }
}
