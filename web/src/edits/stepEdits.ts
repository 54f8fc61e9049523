import type { Edit } from '../collab/operations/edit';
import type { TrackDocument } from '../document/projectDocument';
import { DRUM_LANES } from '../music/drumMap';
import { DEFAULT_VELOCITY, type NoteRef, type StepCell, type StepGrid } from '../music/stepGrid';

/** Step-sequencer clicks as edits: a step toggled, a step's accent set (music/stepGrid.ts is the grid). */

const notePath = (trackId: string, ref: NoteRef): string[] => ['tracks', trackId, 'clips', ref.clipId, 'notes', ref.noteId];

/**
 * The edits that toggle one step: deleting every note in it, or writing the lane's note (creating
 * the pattern clip first when the track has none).
 */
export function toggleStep(
  track: TrackDocument,
  grid: StepGrid,
  lane: number,
  step: number,
  newId: () => string,
  velocity = DEFAULT_VELOCITY,
): Edit[] {
  const cell = grid.lanes[lane]?.[step];
  if (!cell) return [];
  if (cell.on) return cell.notes.map((ref) => ({ type: 'delete', path: notePath(track.id, ref) }));
  const edits: Edit[] = [];
  let clipId = grid.clip?.id;
  if (!clipId) {
    clipId = newId();
    edits.push({ type: 'insert', path: ['tracks', track.id, 'clips', clipId], value: { start_bar: 0, length_bars: 1 } });
  }
  edits.push({
    type: 'insert',
    path: ['tracks', track.id, 'clips', clipId, 'notes', newId()],
    value: { pitch: DRUM_LANES[lane]!.pitch, start_tick: Math.round((grid.firstStep + step) * grid.ticksPerStep), duration_ticks: Math.round(grid.ticksPerStep), velocity },
  });
  return edits;
}

/** The edits that set the velocity of every note in a step. */
export function accentStep(track: TrackDocument, cell: StepCell, velocity: number): Edit[] {
  return cell.notes.map((ref) => ({ type: 'update', path: [...notePath(track.id, ref), 'velocity'], value: velocity }));
}
