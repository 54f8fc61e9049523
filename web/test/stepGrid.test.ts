import { describe, expect, it } from 'vitest';
import { ProjectReplica } from '../src/collab/replica/ProjectReplica';
import type { CollaborativeOperation } from '../src/collab/operations/operation';
import type { Edit } from '../src/collab/operations/edit';
import { accentStep, toggleStep } from '../src/edits/stepEdits';
import { nextAccent, stepGridOf } from '../src/music/stepGrid';
import { DRUM_LANES } from '../src/music/drumMap';

const meter = { numerator: 4, denominator: 4 };

function replicaWith(edits: Edit[]) {
  const r = new ProjectReplica('p');
  let n = 0;
  const apply = (list: Edit[]) => {
    for (const e of list) {
      n++;
      const op: CollaborativeOperation = { op_id: `o${n}`, user_id: 'u', session_id: 's', type: e.type, path: e.path, ...('value' in e ? { value: e.value } : {}), version_vector: { s: n }, timestamp: n };
      expect(r.apply(op)).toBeNull();
    }
  };
  apply(edits);
  return { r, apply, track: () => r.toDocument().tracks[0]! };
}

describe('the step grid', () => {
  let ids = 0;
  const newId = () => `id${++ids}`;

  it('toggles a step on as a note of its lane, creating the pattern clip when needed, and off again', () => {
    const { apply, track } = replicaWith([{ type: 'insert', path: ['tracks', 't'], value: { kind: 'drums', order: 'V' } }]);
    let grid = stepGridOf(track(), meter, 16);
    expect(grid.steps).toBe(16);
    const on = toggleStep(track(), grid, 1, 4, newId);
    expect(on.map((e) => e.type)).toEqual(['insert', 'insert']);
    apply(on);
    expect(track().clips[0]!.notes[0]).toMatchObject({ pitch: 38, start_tick: 480, duration_ticks: 120, velocity: 100 });
    grid = stepGridOf(track(), meter, 16);
    expect(grid.lanes[1]![4]!.on).toBe(true);
    expect(grid.lanes[0]!.some((c) => c.on)).toBe(false);
    apply(toggleStep(track(), grid, 1, 4, newId));
    expect(stepGridOf(track(), meter, 16).lanes[1]![4]!.on).toBe(false);
  });

  it('shows 32 steps per bar at thirty-second notes, and imported notes in the lane of their voice', () => {
    const { track } = replicaWith([
      { type: 'insert', path: ['tracks', 't'], value: { kind: 'drums', order: 'V' } },
      { type: 'insert', path: ['tracks', 't', 'clips', 'c'], value: { length_bars: 2 } },
      { type: 'insert', path: ['tracks', 't', 'clips', 'c', 'notes', 'n'], value: { pitch: 44, start_tick: 1920 + 60, duration_ticks: 30, velocity: 90 } },
    ]);
    const grid = stepGridOf(track(), meter, 32);
    expect(grid.steps).toBe(64);
    const hat = DRUM_LANES.findIndex((l) => l.voice === 'closedHat');
    expect(grid.lanes[hat]![33]).toMatchObject({ on: true, velocity: 90 });
    expect(stepGridOf(track(), meter, 16).lanes[hat]![16]!.on).toBe(true);
  });

  it('cycles accents normal → accent → ghost → normal', () => {
    expect(nextAccent(100)).toBe(127);
    expect(nextAccent(127)).toBe(60);
    expect(nextAccent(60)).toBe(100);
    const { apply, track } = replicaWith([{ type: 'insert', path: ['tracks', 't'], value: { kind: 'drums', order: 'V' } }]);
    apply(toggleStep(track(), stepGridOf(track(), meter, 16), 0, 0, newId));
    const cell = stepGridOf(track(), meter, 16).lanes[0]![0]!;
    apply(accentStep(track(), cell, nextAccent(cell.velocity)));
    expect(stepGridOf(track(), meter, 16).lanes[0]![0]!.velocity).toBe(127);
  });
});
