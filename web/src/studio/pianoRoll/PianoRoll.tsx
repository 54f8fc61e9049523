import { useEffect, useMemo, useRef, useState } from 'react';
import type { TrackDocument } from '../../document/projectDocument';
import { arrange } from '../../music/arrangement';
import { C_MAJOR, parseKeyJson, prefersFlats } from '../../music/musicalKey';
import { placedNotes } from '../../music/placedNotes';
import { ticksPerBar, ticksPerBeat, TICKS_PER_QUARTER } from '../../music/time';
import { useFrame } from '../frame';
import { RemoteCursors } from '../RemoteCursors';
import { useStudio } from '../store';
import { drawRoll } from './drawRoll';
import { initialTop, KEYS_WIDTH, previewDrag, RollGeometry, RULER, type RollView } from './geometry';
import { useRollGestures } from './useRollGestures';

/**
 * The piano roll: a canvas drawn only when something changes (drawRoll.ts), showing one melodic
 * track's notes on the song timeline (rows are pitches, the key's notes shaded), with drawing, moving,
 * resizing and deleting (useRollGestures.ts). It follows the playhead while playing.
 */
export function PianoRoll({ track, view, onZoom }: { track: TrackDocument; view: RollView; onZoom: (pxPerBeat: number) => void }) {
  const doc = useStudio((s) => s.document)!;
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 800, h: 260 });
  const [scrollTick, setScrollTick] = useState(0);
  const [topPitch, setTopPitch] = useState(() => initialTop(track));

  const barTicks = ticksPerBar(doc.time_signature);
  const beatTicks = ticksPerBeat(doc.time_signature);
  const key = parseKeyJson(doc.key) ?? C_MAJOR;
  const flats = prefersFlats(key);
  const notes = useMemo(() => placedNotes(track, barTicks), [track, barTicks]);
  const songTicks = arrange(doc).lengthTicks;
  const pxPerTick = view.pxPerBeat / TICKS_PER_QUARTER;
  const geometry = useMemo(() => new RollGeometry(scrollTick, topPitch, pxPerTick), [scrollTick, topPitch, pxPerTick]);
  const { selected, drag, handlers } = useRollGestures({ track, notes, geometry, view, barTicks, beatTicks, songTicks, height: size.h, canvas, onZoom, setScrollTick, setTopPitch });

  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setSize({ w: el.clientWidth, h: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Others' selections on this track, shown dashed in their colour.
  const selections = useStudio((s) => s.selections);
  const theirs = useMemo(() => {
    const byNote = new Map<string, string>();
    for (const sel of Object.values(selections)) if (sel.trackId === track.id) for (const id of sel.ids) byNote.set(id, sel.color);
    return byNote;
  }, [selections, track.id]);

  const shown = useMemo(() => previewDrag(notes, drag, view.snap), [notes, drag, view.snap]);

  useEffect(() => {
    if (!canvas.current) return;
    drawRoll(canvas.current, { width: size.w, height: size.h, geometry, notes: shown, selected, theirs, clips: track.clips, key, flats, scale: view.scale, snap: view.snap, barTicks, beatTicks, songTicks });
    // `key` is made anew each render: its tonic and mode are what matter.
  }, [shown, selected, theirs, size, geometry, view.scale, view.snap, key.tonic, key.mode, barTicks, beatTicks, songTicks, track.clips, flats]);

  useFrame((f) => {
    const el = head.current;
    if (!el) return;
    // Follow playback a screen at a time while playing (and not while the user is dragging).
    const visibleTicks = (size.w - KEYS_WIDTH) / pxPerTick;
    if (f.playing && !drag && (f.tick < scrollTick || f.tick > scrollTick + visibleTicks * 0.95)) {
      setScrollTick(Math.max(0, Math.floor(f.tick / barTicks) * barTicks));
    }
    const x = geometry.x(f.tick);
    el.style.display = f.playing && x >= KEYS_WIDTH ? 'block' : 'none';
    el.style.transform = `translateX(${x.toFixed(1)}px)`;
  });

  return (
    <div className="roll-wrap" ref={wrap}>
      <canvas ref={canvas} data-testid="piano-roll" tabIndex={0} aria-label={`Piano roll of ${track.name}`} {...handlers} />
      <div ref={head} className="playhead" style={{ display: 'none', top: 0, bottom: 0, height: '100%' }} />
      <div style={{ position: 'absolute', inset: `${RULER}px 0 0 0`, pointerEvents: 'none' }}>
        <RemoteCursors
          trackId={track.id}
          beatToX={(beat) => {
            const x = geometry.x(beat * TICKS_PER_QUARTER);
            return x < KEYS_WIDTH || x > size.w ? null : x;
          }}
        />
      </div>
    </div>
  );
}
