import type { Notice } from './store';

/** The first letter capitalised: server messages are sentence fragments ("the prompt is empty"). */
export const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Refusals that are news rather than trouble: there was nothing to undo or redo. */
export const noticeKindOf = (code: string): Notice['kind'] => (code === 'nothing_to_undo' || code === 'nothing_to_redo' ? 'info' : 'error');

/** Messages for the codes a person can meet while editing (docs/collaboration.md, docs/hub.md). */
export function explain(code: string, message: string): string {
  switch (code) {
    case 'deleted':
    case 'not_found':
      return `Someone removed what you were editing — your change was undone (${message}).`;
    case 'already_exists':
      return `That was already there — your change was undone.`;
    case 'rate_limited':
      return 'Too many edits at once: slow down a little, the last ones were undone.';
    case 'undo_conflict':
      return sentence(message);
    case 'nothing_to_undo':
      return 'Nothing of yours to undo.';
    case 'nothing_to_redo':
      return 'Nothing to redo.';
    case 'unknown_project':
      return 'This project no longer exists.';
    default:
      return `Your change was refused and undone: ${message}`;
  }
}

/** A server message names tracks by id ("track '0198…'"); people know them by name. */
export function withTrackNames(message: string, names: ReadonlyMap<string, string>): string {
  return message.replace(/track '([^']+)'/g, (whole, id: string) => (names.has(id) ? `track “${names.get(id)}”` : whole));
}
