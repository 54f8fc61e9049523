import { describe, expect, it } from 'vitest';
import { initialStudioState, type Composing, type StudioState } from '../src/studio/store';
import { composeError, requestAccepted, requestComplete, suggestionArrived, withoutSuggestions } from '../src/studio/suggestionState';
import { KIND_ORDER, type Suggestion, type SuggestionKind } from '../src/suggestions/suggestion';

function suggestion(id: string, request: string, kind: SuggestionKind, by = 'u-me'): Suggestion {
  const sketch = { bpm: 90, time_signature: '4/4', key: 'A minor', ppq: 480, bars: 1, tracks: [] };
  return { suggestion_id: id, project_id: 'p', agent: `agent:${kind}`, kind, request_id: request, prompt: 'boom bap 90', requested_by: by, bpm: 90, key: 'A minor', bars: 1, sketch, created_at: '2026-01-01T00:00:00Z' };
}

const asking = (requestId: string | null, since = 1): Composing => ({ prompt: 'boom bap 90', requestId, since, expects: KIND_ORDER });
const state = (composing: Composing | null, suggestions: Suggestion[] = []): StudioState => ({ ...initialStudioState, composing, suggestions });

describe('the agents in the store', () => {
  it('counts a request done when every kind it expects is in', () => {
    const cards = [suggestion('s1', 'r1', 'beat'), suggestion('s2', 'r1', 'melody'), suggestion('s3', 'r2', 'harmony')];
    expect(requestComplete(cards, 'r1', KIND_ORDER)).toBe(false);
    expect(requestComplete(cards, 'r1', ['beat', 'melody'])).toBe(true);
    expect(requestComplete(cards, 'r2', ['harmony'])).toBe(true);
  });

  it('adds my suggestions to the cards and finishes my request with its last kind, even before the reply names it', () => {
    let s = state(asking(null));
    for (const [i, kind] of KIND_ORDER.entries()) {
      const arrived = suggestionArrived(s, suggestion(`s${i}`, 'r1', kind), 'u-me')!;
      expect(arrived.mine).toBe(true);
      s = { ...s, ...arrived.change };
      expect(s.composing).toEqual(i < 2 ? asking('r1') : null);
    }
    expect(s.suggestions.map((x) => x.suggestion_id)).toEqual(['s0', 's1', 's2']);
  });

  it('shows others’ suggestions without touching my request, and ignores one already there', () => {
    const s = state(asking('r1'), [suggestion('s1', 'r1', 'beat')]);
    const theirs = suggestionArrived(s, suggestion('s9', 'r9', 'beat', 'u-bob'), 'u-me')!;
    expect(theirs.mine).toBe(false);
    expect(theirs.change.composing).toBe(s.composing);
    expect(theirs.change.suggestions).toHaveLength(2);
    // Another request of mine (asked from another tab) is not the one in flight here.
    expect(suggestionArrived(s, suggestion('s8', 'r8', 'beat'), 'u-me')!.mine).toBe(false);
    expect(suggestionArrived(s, suggestion('s1', 'r1', 'beat'), 'u-me')).toBeNull();
  });

  it('names the request once the server accepts it, or ends it when its answers came first; leaves a replaced one alone', () => {
    expect(requestAccepted(state(asking(null, 5)), 5, 'r1')).toEqual({ composing: asking('r1', 5) });
    const answered = state(asking(null, 5), KIND_ORDER.map((k, i) => suggestion(`s${i}`, 'r1', k)));
    expect(requestAccepted(answered, 5, 'r1')).toEqual({ composing: null });
    expect(requestAccepted(state(asking(null, 6)), 5, 'r1')).toEqual({});
    expect(requestAccepted(state(null), 5, 'r1')).toEqual({});
  });

  it('takes answered suggestions off the cards', () => {
    const s = state(null, [suggestion('s1', 'r1', 'beat'), suggestion('s2', 'r1', 'harmony'), suggestion('s3', 'r1', 'melody')]);
    expect(withoutSuggestions(s, ['s1', 's3']).suggestions.map((x) => x.suggestion_id)).toEqual(['s2']);
  });

  it('says what to write instead of a prompt the agents cannot read, and why they cannot answer otherwise', () => {
    expect(composeError({ ok: false, code: 'invalid_prompt', message: 'say a genre or a tempo' })).toBe('Say a genre or a tempo');
    expect(composeError({ ok: false, code: 'offline' })).toBe('The agents need the connection; try again when it is back.');
    expect(composeError({ ok: false, code: 'agents_down', message: null })).toBe('The agents could not answer: agents_down');
  });
});
