import { useEffect, useMemo, useRef } from 'react';
import { laneOf } from '../../music/drumMap';
import { beatPreview, rollPreview, type PreviewRow } from '../../suggestions/previews';
import { parseMeter } from '../../suggestions/sketch';
import type { Suggestion } from '../../suggestions/suggestion';
import { ticksPerBar } from '../../music/time';
import { frequencyToColor } from '../../music/visualMappings';
import { useFrame } from '../frame';
import { TRACK_COLORS } from '../trackColors';

const ROW_COLORS: Record<PreviewRow, string> = {
  hats: frequencyToColor(laneOf('closedHat').frequency),
  snare: frequencyToColor(laneOf('snare').frequency),
  kick: frequencyToColor(laneOf('kick').frequency),
  perc: frequencyToColor(laneOf('midTom').frequency),
};

/** A canvas sized to its box in device pixels, redrawn by `draw` whenever its inputs change. */
function usePreviewCanvas(draw: (g: CanvasRenderingContext2D, w: number, h: number) => void, deps: readonly unknown[]) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    const g = c?.getContext('2d');
    if (!c || !g) return;
    c.width = Math.max(1, Math.round(c.clientWidth * devicePixelRatio));
    c.height = Math.max(1, Math.round(c.clientHeight * devicePixelRatio));
    g.clearRect(0, 0, c.width, c.height);
    draw(g, c.width, c.height);
  }, deps);
  return canvas;
}

/** The playhead over a preview while its suggestion sounds: the transport's position within one pass. */
function usePreviewHead(suggestion: Suggestion, sounding: boolean) {
  const head = useRef<HTMLDivElement>(null);
  const passTicks = Math.max(1, Math.round(suggestion.sketch.bars)) * ticksPerBar(parseMeter(suggestion.sketch.time_signature));
  useFrame((f) => {
    const el = head.current;
    if (!el) return;
    const show = sounding && f.playing;
    el.style.display = show ? 'block' : 'none';
    if (show) el.style.left = `${(((f.tick % passTicks) / passTicks) * 100).toFixed(2)}%`;
  });
  return head;
}

/** A beat as a mini step grid: hats, snare, kick (and toms/perc) by sixteenth steps, loudness as brightness. */
export function BeatGridPreview({ suggestion, sounding }: { suggestion: Suggestion; sounding: boolean }) {
  const grid = useMemo(() => beatPreview(suggestion.sketch), [suggestion]);
  const canvas = usePreviewCanvas(
    (g, w, h) => {
      const rows = Math.max(1, grid.rows.length);
      const gap = Math.max(1, Math.round(devicePixelRatio));
      const cw = w / grid.steps;
      const rh = h / rows;
      grid.rows.forEach(({ row, cells }, r) => {
        cells.forEach((v, i) => {
          const x = Math.round(i * cw);
          const next = Math.round((i + 1) * cw);
          const y = Math.round(r * rh);
          if (v > 0) {
            g.globalAlpha = 0.35 + (0.65 * v) / 127;
            g.fillStyle = ROW_COLORS[row];
          } else {
            g.globalAlpha = 1;
            g.fillStyle = i % 4 === 0 ? '#262b39' : '#1d212c';
          }
          g.fillRect(x, y, Math.max(1, next - x - gap), Math.max(1, Math.round(rh) - gap));
        });
      });
      g.globalAlpha = 1;
      // Bar lines.
      g.fillStyle = 'rgba(255,255,255,0.16)';
      for (let b = 1; b < grid.steps / grid.stepsPerBar; b++) g.fillRect(Math.round(b * grid.stepsPerBar * cw) - gap, 0, gap, h);
    },
    [grid],
  );
  const head = usePreviewHead(suggestion, sounding);
  return (
    <div className="suggestion-preview" data-testid="suggestion-preview">
      <canvas ref={canvas} aria-label={`Step grid: ${grid.rows.map((r) => r.row).join(', ')}`} role="img" />
      <div className="preview-head" ref={head} />
    </div>
  );
}

/** Chords + bass, or a melody, as a tiny note roll coloured like the tracks they become. */
export function RollPreviewCanvas({ suggestion, sounding }: { suggestion: Suggestion; sounding: boolean }) {
  const roll = useMemo(() => rollPreview(suggestion.sketch), [suggestion]);
  const canvas = usePreviewCanvas(
    (g, w, h) => {
      const pad = 2 * devicePixelRatio;
      const span = roll.high - roll.low + 1;
      const rowH = (h - 2 * pad) / span;
      const x = (t: number) => (t / roll.lengthTicks) * w;
      g.fillStyle = 'rgba(255,255,255,0.05)';
      for (let b = 1; b < roll.lengthTicks / roll.barTicks; b++) g.fillRect(Math.round(x(b * roll.barTicks)), 0, Math.max(1, devicePixelRatio), h);
      for (const n of roll.notes) {
        const kind = suggestion.sketch.tracks[n.track]?.kind ?? 'lead';
        g.fillStyle = TRACK_COLORS[kind];
        g.globalAlpha = 0.45 + (0.55 * n.velocity) / 127;
        const y = pad + (roll.high - n.pitch) * rowH;
        g.fillRect(x(n.start), y, Math.max(devicePixelRatio * 1.5, x(n.duration) - devicePixelRatio), Math.max(devicePixelRatio * 1.5, rowH - devicePixelRatio * 0.5));
      }
      g.globalAlpha = 1;
    },
    [roll, suggestion],
  );
  const head = usePreviewHead(suggestion, sounding);
  return (
    <div className="suggestion-preview" data-testid="suggestion-preview">
      <canvas ref={canvas} role="img" aria-label={`${roll.notes.length} notes`} />
      <div className="preview-head" ref={head} />
    </div>
  );
}
