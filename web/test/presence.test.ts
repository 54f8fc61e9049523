import { describe, expect, it } from 'vitest';
import type { Participant } from '../src/hub/payloads';
import { askerName, withCursor, withoutParticipant, withParticipant, withPlayback, withSelection } from '../src/studio/presence';
import { initialStudioState, type StudioState } from '../src/studio/store';

const ada: Participant = { connection_id: 'c1', user_id: 'u-ada', display_name: 'Ada', color: '#f00' };
const bob: Participant = { connection_id: 'c2', user_id: 'u-bob', display_name: 'Bob', color: '#0f0' };

const apply = (s: StudioState, change: Partial<StudioState>): StudioState => ({ ...s, ...change });

describe('presence in the store', () => {
  it('lists each connection once, a rejoin replacing its entry', () => {
    let s = apply(initialStudioState, withParticipant(initialStudioState, ada));
    s = apply(s, withParticipant(s, bob));
    s = apply(s, withParticipant(s, { ...ada, display_name: 'Ada L.' }));
    expect(s.participants.map((p) => [p.connection_id, p.display_name])).toEqual([
      ['c2', 'Bob'],
      ['c1', 'Ada L.'],
    ]);
  });

  it('shows a cursor on a track, hides one that left every track, and forgets both when its owner leaves', () => {
    let s = apply(initialStudioState, withParticipant(initialStudioState, ada));
    s = apply(s, withParticipant(s, bob));
    s = apply(s, withCursor(s, { ...ada, track: 't1', beat: 2.5 }));
    s = apply(s, withCursor(s, { ...bob, track: 't2', beat: 4 }));
    expect(s.cursors.c1).toEqual({ connectionId: 'c1', userId: 'u-ada', name: 'Ada', color: '#f00', trackId: 't1', beat: 2.5 });
    s = apply(s, withCursor(s, { ...bob, track: null, beat: null }));
    expect(Object.keys(s.cursors)).toEqual(['c1']);
    s = apply(s, withSelection(s, { ...ada, track: 't1', ids: ['n1', 'n2'] }));
    s = apply(s, withoutParticipant(s, 'c1'));
    expect(s.participants).toEqual([bob]);
    expect(s.cursors).toEqual({});
    expect(s.selections).toEqual({});
  });

  it('keeps a selection of notes and drops an empty one', () => {
    let s = apply(initialStudioState, withSelection(initialStudioState, { ...bob, track: 't1', ids: ['n1'] }));
    expect(s.selections.c2).toEqual({ connectionId: 'c2', name: 'Bob', color: '#0f0', trackId: 't1', ids: ['n1'] });
    s = apply(s, withSelection(s, { ...bob, track: 't1', ids: [] }));
    expect(s.selections).toEqual({});
  });

  it('follows who is playing, per connection', () => {
    let s = apply(initialStudioState, withPlayback(initialStudioState, { connection_id: 'c1', user_id: 'u-ada', playing: true, bpm: 90, position: 0, server_time: 1 }));
    s = apply(s, withPlayback(s, { connection_id: 'c2', user_id: 'u-bob', playing: true, bpm: 90, position: 0, server_time: 2 }));
    s = apply(s, withPlayback(s, { connection_id: 'c1', user_id: 'u-ada', playing: false, bpm: 90, position: 3.5, server_time: 3 }));
    expect(s.playingElsewhere).toEqual({ c1: false, c2: true });
  });

  it('names who asked: me, the API, someone seen in the session, or someone', () => {
    const names = new Map([['u-bob', 'Bob']]);
    expect(askerName('u-me', 'u-me', names)).toBe('You');
    expect(askerName('api', 'u-me', names)).toBe('The API');
    expect(askerName('u-bob', 'u-me', names)).toBe('Bob');
    expect(askerName('u-gone', 'u-me', names)).toBe('Someone');
  });
});
