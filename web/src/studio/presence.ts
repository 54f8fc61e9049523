import type { Participant, PlaybackSync, UserCursor, UserSelection } from '../hub/payloads';
import type { StudioState } from './store';

/**
 * Who else is in the session and what they are doing, as store changes: pure functions from the
 * state and a hub event to the fields that change (the controller hands them to the store).
 */
type Presence = Pick<StudioState, 'participants' | 'cursors' | 'selections' | 'playingElsewhere'>;

/** Someone (re)joined: replaces an earlier entry of the same connection. */
export function withParticipant(s: Presence, p: Participant): Pick<Presence, 'participants'> {
  return { participants: [...s.participants.filter((q) => q.connection_id !== p.connection_id), p] };
}

/** Someone left: their entry goes, and their cursor and selection with it. */
export function withoutParticipant(s: Presence, connectionId: string): Pick<Presence, 'participants' | 'cursors' | 'selections'> {
  const cursors = { ...s.cursors };
  const selections = { ...s.selections };
  delete cursors[connectionId];
  delete selections[connectionId];
  return { participants: s.participants.filter((q) => q.connection_id !== connectionId), cursors, selections };
}

/** A pointer moved; one off every track (no track or beat) is hidden. */
export function withCursor(s: Presence, c: UserCursor): Pick<Presence, 'cursors'> {
  const cursors = { ...s.cursors };
  if (c.track === null || c.beat === null) delete cursors[c.connection_id];
  else cursors[c.connection_id] = { connectionId: c.connection_id, userId: c.user_id, name: c.display_name, color: c.color, trackId: c.track, beat: c.beat };
  return { cursors };
}

/** A selection changed; an empty one is hidden. */
export function withSelection(s: Presence, sel: UserSelection): Pick<Presence, 'selections'> {
  const selections = { ...s.selections };
  if (sel.track === null || sel.ids.length === 0) delete selections[sel.connection_id];
  else selections[sel.connection_id] = { connectionId: sel.connection_id, name: sel.display_name, color: sel.color, trackId: sel.track, ids: sel.ids };
  return { selections };
}

/** Someone started or stopped playing (audio:playback_sync). */
export function withPlayback(s: Presence, p: PlaybackSync): Pick<Presence, 'playingElsewhere'> {
  return { playingElsewhere: { ...s.playingElsewhere, [p.connection_id]: p.playing } };
}

/** Who asked, as a card says it: "You", "The API", a name seen in the session, or "Someone". */
export function askerName(userId: string, myUserId: string, names: ReadonlyMap<string, string>): string {
  if (userId === myUserId) return 'You';
  if (userId === 'api') return 'The API';
  return names.get(userId) ?? 'Someone';
}
