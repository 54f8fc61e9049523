import type { HubResult } from '../hub/payloads';
import type { Suggestion, SuggestionKind } from '../suggestions/suggestion';
import { sentence } from './messages';
import type { StudioState } from './store';

/**
 * The agents' side of the store as pure changes: the request in flight (`composing`) and the open
 * suggestions (the cards). SuggestionBoard hands them to the store.
 */
type Board = Pick<StudioState, 'suggestions' | 'composing'>;

export const EMPTY_PROMPT = 'Describe what you want to hear: a genre, a tempo, a key or a mood — e.g. “boom bap 90”.';

/** True when the request has a suggestion of every kind it expects. */
export function requestComplete(suggestions: readonly Suggestion[], requestId: string, expects: readonly SuggestionKind[]): boolean {
  const kinds = new Set(suggestions.filter((s) => s.request_id === requestId).map((s) => s.kind));
  return expects.every((k) => kinds.has(k));
}

/**
 * The server accepted the request started at `since` as `requestId`: done when its answers are all in
 * already (they may come before the reply), else still waiting, now with its id. A request replaced or
 * given up on meanwhile is left alone.
 */
export function requestAccepted(s: Board, since: number, requestId: string | null): Partial<Board> {
  if (!s.composing || s.composing.since !== since) return {};
  if (requestId && requestComplete(s.suggestions, requestId, s.composing.expects)) return { composing: null };
  return { composing: { ...s.composing, requestId: s.composing.requestId ?? requestId } };
}

/**
 * A suggestion arrives: it joins the cards (null when it is there already). It is `mine` when it answers
 * the request this tab has in flight (asked by me; its suggestions may come before agent:compose's reply
 * names the request), which is then done once all its kinds are in.
 */
export function suggestionArrived(s: Board, suggestion: Suggestion, myUserId: string): { change: Board; mine: boolean } | null {
  if (s.suggestions.some((x) => x.suggestion_id === suggestion.suggestion_id)) return null;
  const suggestions = [...s.suggestions, suggestion];
  const { composing } = s;
  const mine = composing !== null && suggestion.requested_by === myUserId && (composing.requestId ?? suggestion.request_id) === suggestion.request_id;
  if (!mine) return { change: { suggestions, composing }, mine };
  const done = requestComplete(suggestions, suggestion.request_id, composing.expects);
  return { change: { suggestions, composing: done ? null : { ...composing, requestId: suggestion.request_id } }, mine };
}

/** The cards without these suggestions (kept, discarded, or gone). */
export function withoutSuggestions(s: Board, ids: readonly string[]): Pick<Board, 'suggestions'> {
  const gone = new Set(ids);
  return { suggestions: s.suggestions.filter((x) => !gone.has(x.suggestion_id)) };
}

/** What the prompt box says when the agents refuse a prompt or cannot be reached. */
export function composeError(result: HubResult): string {
  if (result.code === 'invalid_prompt') return sentence(result.message ?? 'the agents could not read that prompt');
  if (result.code === 'offline') return 'The agents need the connection; try again when it is back.';
  return `The agents could not answer: ${result.message ?? result.code}`;
}
