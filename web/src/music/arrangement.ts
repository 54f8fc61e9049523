import type { ProjectDocument } from '../document/projectDocument';
import { ticksPerBar, type Meter } from './time';

/**
 * The document flattened into what the sequencer plays: every audible note at its song position in
 * ticks, sorted by time. Made again after every edit (it is cheap), so that an edit made while
 * playing is heard the next time the playhead reaches it.
 */
export interface SongNote {
  readonly trackId: string;
  readonly trackIndex: number;
  readonly noteId: string;
  readonly pitch: number;
  /** Ticks from the start of the song (clip's bar + the note's tick). */
  readonly tick: number;
  readonly durationTicks: number;
  readonly velocity: number;
}

export interface Arrangement {
  readonly meter: Meter;
  readonly bpm: number;
  readonly swing: number;
  /** Whole bars, at least one: the loop's length. */
  readonly lengthTicks: number;
  readonly notes: readonly SongNote[];
}

const arranged = new WeakMap<ProjectDocument, Arrangement>();

/** The arrangement of a document, made once per document (views, engine and visualizer share it). */
export function arrange(doc: ProjectDocument): Arrangement {
  let arrangement = arranged.get(doc);
  if (!arrangement) {
    arrangement = arrangeNow(doc);
    arranged.set(doc, arrangement);
  }
  return arrangement;
}

function arrangeNow(doc: ProjectDocument): Arrangement {
  const meter = doc.time_signature;
  const barTicks = ticksPerBar(meter);
  let bars = 1;
  const notes: SongNote[] = [];
  doc.tracks.forEach((track, trackIndex) => {
    for (const clip of track.clips) {
      bars = Math.max(bars, clip.start_bar + clip.length_bars);
      const clipTicks = clip.length_bars * barTicks;
      for (const n of clip.notes) {
        // A clip is a window onto its notes: what starts past its end is not played, as in any DAW.
        if (n.start_tick >= clipTicks) continue;
        notes.push({
          trackId: track.id,
          trackIndex,
          noteId: n.id,
          pitch: n.pitch,
          tick: clip.start_bar * barTicks + n.start_tick,
          durationTicks: Math.min(n.duration_ticks, clipTicks - n.start_tick),
          velocity: n.velocity,
        });
      }
    }
  });
  notes.sort((a, b) => a.tick - b.tick || a.trackIndex - b.trackIndex || a.pitch - b.pitch);
  return { meter, bpm: doc.bpm, swing: doc.swing, lengthTicks: bars * barTicks, notes };
}

/** Index of the first note at or after `tick` (binary search over the sorted notes). */
export function firstNoteAt(notes: readonly SongNote[], tick: number): number {
  let lo = 0;
  let hi = notes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (notes[mid]!.tick < tick) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
