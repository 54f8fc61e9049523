import { describe, expect, it } from 'vitest';
import type { ProjectDocument, TrackDocument } from '../src/document/projectDocument';
import { explain, noticeKindOf, withTrackNames } from '../src/studio/messages';
import { withDocument } from '../src/studio/store';

describe('what a person is told', () => {
  it('explains a refusal in words, with the track’s name instead of its id', () => {
    const names = new Map([['t-1', 'Drums']]);
    const message = withTrackNames("there is no clip 'c-9' in track 't-1'; track 't-2' is gone", names);
    expect(message).toBe("there is no clip 'c-9' in track “Drums”; track 't-2' is gone");
    expect(explain('not_found', message)).toBe(`Someone removed what you were editing — your change was undone (${message}).`);
    expect(explain('undo_conflict', 'someone changed that note since')).toBe('Someone changed that note since');
    expect(explain('out_of_range', 'bpm must be from 20 to 400, got 999')).toBe('Your change was refused and undone: bpm must be from 20 to 400, got 999');
  });

  it('tells nothing to undo or redo as news, everything else as an error', () => {
    expect(noticeKindOf('nothing_to_undo')).toBe('info');
    expect(noticeKindOf('nothing_to_redo')).toBe('info');
    expect(noticeKindOf('deleted')).toBe('error');
  });
});

describe('the document in the store', () => {
  const track = (id: string, kind: TrackDocument['kind']): TrackDocument => ({ id, name: id, kind, instrument: 'keys', volume: 0, pan: 0, mute: false, solo: false, order: id, clips: [] });
  const doc = (tracks: TrackDocument[]): ProjectDocument => ({ id: 'p', name: 'Song', bpm: 90, time_signature: { numerator: 4, denominator: 4 }, key: { tonic: 'A', mode: 'minor' }, swing: 0, tracks });

  it('keeps the selected track while it exists, else selects the first melodic one', () => {
    const view = doc([track('d', 'drums'), track('b', 'bass'), track('l', 'lead')]);
    expect(withDocument({ selectedTrackId: 'l' }, view, 2)).toEqual({ document: view, pending: 2, selectedTrackId: 'l' });
    expect(withDocument({ selectedTrackId: 'gone' }, view, 0).selectedTrackId).toBe('b');
    expect(withDocument({ selectedTrackId: null }, doc([track('d', 'drums')]), 0).selectedTrackId).toBeNull();
  });
});
