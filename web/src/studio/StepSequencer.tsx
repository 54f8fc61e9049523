import { useEffect, useMemo, useRef, useState } from 'react';
import type { TrackDocument } from '../document/projectDocument';
import { DRUM_LANES } from '../music/drumMap';
import { accentStep, toggleStep } from '../edits/stepEdits';
import { ACCENT_VELOCITY, GHOST_VELOCITY, nextAccent, stepGridOf, type StepsPerBar } from '../music/stepGrid';
import { ticksPerBar, TICKS_PER_QUARTER } from '../music/time';
import { frequencyToColor } from '../music/visualMappings';
import { useFrame, useStudioContext } from './frame';
import { useStudio } from './store';
import { RemoteCursors } from './RemoteCursors';
import { setPatternBars } from '../edits/trackEdits';

/**
 * The drum track's step sequencer: one lane per voice of the kit, 16 or 32 steps per bar. Click (or
 * drag across) toggles steps, Shift+click cycles a step's accent. Lanes are coloured by the seed's
 * frequency → hue mapping, the same colours the visualizer uses for them.
 */
export function StepSequencer({ track, index }: { track: TrackDocument; index: number }) {
  const { controller, frames } = useStudioContext();
  const numerator = useStudio((s) => s.document!.time_signature.numerator);
  const denominator = useStudio((s) => s.document!.time_signature.denominator);
  const meter = useMemo(() => ({ numerator, denominator }), [numerator, denominator]);
  const stepsPerBar = useStudio((s) => s.stepsPerBar[track.id] ?? 16);
  // Up to 64 steps on screen: 4 bars of sixteenths or 2 of thirty-seconds; longer patterns page.
  const pageBars = stepsPerBar === 16 ? 4 : 2;
  const [page, setPage] = useState(0);
  const grid = useMemo(() => stepGridOf(track, meter, stepsPerBar, page * pageBars, pageBars), [track, meter, stepsPerBar, page, pageBars]);
  const pages = Math.ceil(grid.patternBars / pageBars);
  useEffect(() => {
    if (page >= pages) setPage(Math.max(0, pages - 1));
  }, [page, pages]);
  const lanesArea = useRef<HTMLDivElement>(null);
  const column = useRef<HTMLDivElement>(null);
  const painting = useRef<{ lane: number; on: boolean } | null>(null);
  const barTicks = ticksPerBar(meter);
  const clipStart = ((grid.clip?.start_bar ?? 0) + grid.firstStep / stepsPerBar) * barTicks;
  const patternTicks = grid.steps * grid.ticksPerStep;
  const stepsPerBeat = stepsPerBar / meter.numerator;

  useFrame((f) => {
    // Follow the playhead through a long pattern, a page at a time.
    if (f.playing && pages > 1) {
      const bar = Math.floor((f.tick - (grid.clip?.start_bar ?? 0) * barTicks) / barTicks);
      const want = Math.floor(bar / pageBars);
      if (bar >= 0 && want < pages && want !== page) setPage(want);
    }
    const el = column.current;
    const area = lanesArea.current?.querySelector<HTMLElement>('.lane-steps');
    if (!el || !area) return;
    const at = f.tick - clipStart;
    if (!f.playing || at < 0 || at >= patternTicks) {
      el.style.display = 'none';
      return;
    }
    const step = Math.floor(at / grid.ticksPerStep);
    const width = area.clientWidth / grid.steps;
    el.style.display = 'block';
    el.style.width = `${width}px`;
    el.style.transform = `translateX(${area.offsetLeft + step * width}px)`;
  });

  const toggle = (lane: number, step: number, shift: boolean) => {
    const cell = grid.lanes[lane]![step]!;
    if (shift && cell.on) {
      controller.edit(accentStep(track, cell, nextAccent(cell.velocity)));
      return;
    }
    const edits = toggleStep(track, grid, lane, step, () => controller.newId());
    controller.edit(edits);
    if (!cell.on) controller.transport.engine?.audition(track.id, DRUM_LANES[lane]!.pitch, 100);
    painting.current = { lane, on: !cell.on };
  };

  const beatAt = (clientX: number): number | null => {
    const area = lanesArea.current?.querySelector<HTMLElement>('.lane-steps');
    if (!area) return null;
    const box = area.getBoundingClientRect();
    const fraction = (clientX - box.left) / box.width;
    if (fraction < 0 || fraction > 1) return null;
    return (clipStart + fraction * patternTicks) / TICKS_PER_QUARTER;
  };

  const beatToX = (beat: number): number | null => {
    const area = lanesArea.current?.querySelector<HTMLElement>('.lane-steps');
    if (!area) return null;
    const fraction = (beat * TICKS_PER_QUARTER - clipStart) / patternTicks;
    return fraction < 0 || fraction > 1 ? null : area.offsetLeft + fraction * area.clientWidth;
  };

  return (
    <div>
      <div className="step-head">
        <span className="label">Steps</span>
        <select className="input preset" style={{ flex: 'none', width: 64 }} aria-label="Steps per bar" value={stepsPerBar} onChange={(e) => useStudio.setState((s) => ({ stepsPerBar: { ...s.stepsPerBar, [track.id]: Number(e.target.value) as StepsPerBar } }))}>
          <option value={16}>16</option>
          <option value={32}>32</option>
        </select>
        <span className="label">Bars</span>
        <select className="input preset" style={{ flex: 'none', width: 66 }} aria-label="Pattern length in bars" value={grid.clip?.length_bars ?? 1} onChange={(e) => controller.edit(setPatternBars(track, barTicks, Number(e.target.value), () => controller.newId()))}>
          {[...new Set([1, 2, 4, 8, grid.patternBars])].sort((a, b) => a - b).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        {pages > 1 && (
          <span className="group" style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
            <button className="btn mini" aria-label="Earlier bars" disabled={page === 0} onClick={() => setPage(page - 1)}>
              ‹
            </button>
            <span className="mono muted" style={{ fontSize: 12, minWidth: 84, textAlign: 'center' }}>
              bars {page * pageBars + 1}–{Math.min(grid.patternBars, (page + 1) * pageBars)} / {grid.patternBars}
            </span>
            <button className="btn mini" aria-label="Later bars" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
              ›
            </button>
          </span>
        )}
        <span className="muted" style={{ fontSize: 11 }}>
          click to toggle · drag to paint · shift+click for accents
        </span>
      </div>
      <div
        className="steps"
        ref={lanesArea}
        onPointerMove={(e) => {
          const beat = beatAt(e.clientX);
          if (beat !== null) controller.moveCursor(track.id, beat);
        }}
        onPointerLeave={() => controller.moveCursor(null, 0)}
        onPointerUp={() => (painting.current = null)}
      >
        <div className="step-column" ref={column} style={{ display: 'none' }} />
        {DRUM_LANES.map((lane, l) => (
          <div className="lane" key={lane.voice} style={{ ['--lane-color' as string]: frequencyToColor(lane.frequency) }}>
            <div className="lane-name" title={`${lane.name} (GM note ${lane.pitch}) — click to hear`} onClick={() => controller.transport.engine?.audition(track.id, lane.pitch, 100)}>
              {lane.name}
            </div>
            <div className="lane-steps" style={{ gridTemplateColumns: `repeat(${grid.steps}, 1fr)` }}>
              {grid.lanes[l]!.map((cell, s) => {
                const accent = cell.on && cell.velocity >= ACCENT_VELOCITY;
                const ghost = cell.on && cell.velocity <= GHOST_VELOCITY;
                return (
                  <button
                    key={s}
                    className={`step${s % stepsPerBeat === 0 ? ' beat' : ''}${accent ? ' accent' : ''}${ghost ? ' ghost' : ''}`}
                    aria-pressed={cell.on}
                    aria-label={`${lane.name} step ${grid.firstStep + s + 1}`}
                    data-testid={l === 0 ? `step-${index}-${grid.firstStep + s}` : `step-${index}-${grid.firstStep + s}-${lane.pitch}`}
                    onPointerDown={(e) => {
                      e.preventDefault();
                      toggle(l, s, e.shiftKey);
                    }}
                    onPointerEnter={(e) => {
                      const p = painting.current;
                      if (p && e.buttons === 1 && p.lane === l && cell.on !== p.on) toggle(l, s, false);
                    }}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') toggle(l, s, e.shiftKey);
                    }}
                  />
                );
              })}
            </div>
          </div>
        ))}
        <RemoteCursors trackId={track.id} beatToX={beatToX} frames={frames} />
      </div>
    </div>
  );
}
