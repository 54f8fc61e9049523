import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TrackDocument } from '../document/projectDocument';
import { deleteNotes, drawNote, moveNotes, pastePhrase, resizeNotes } from '../edits/noteEdits';
import { phraseOf, placedNotes, snapDown, snapNearest, type Phrase, type PlacedNote } from '../music/placedNotes';
import { keyContains, noteName, parseKeyJson, prefersFlats, C_MAJOR } from '../music/musicalKey';
import { arrange } from '../music/arrangement';
import { ticksPerBar, ticksPerBeat, TICKS_PER_QUARTER } from '../music/time';
import { frequencyToHue, midiToFrequency } from '../music/visualMappings';
import { useFrame, useStudioContext } from './frame';
import { useStudio } from './store';
import { RemoteCursors } from './RemoteCursors';

export interface RollView {
  /** Snap in ticks; 0 = free. */
  readonly snap: number;
  readonly pxPerBeat: number;
  /** Shade the rows of the project's key. */
  readonly scale: boolean;
}

/** The piano roll's clipboard: shared by every track's roll in this tab. */
let clipboard: Phrase | null = null;

const KEYS_WIDTH = 56;
const RULER = 20;
const ROW = 14;
const EDGE = 6;
const BLACK = new Set([1, 3, 6, 8, 10]);

type Drag =
  | { mode: 'draw'; tick: number; pitch: number; end: number }
  | { mode: 'move'; x: number; y: number; notes: PlacedNote[]; dTick: number; dPitch: number }
  | { mode: 'resize'; x: number; notes: PlacedNote[]; dTick: number };

/**
 * The piano roll: a canvas drawn only when something changes, showing one melodic track's notes on
 * the song timeline (rows are pitches, the key's notes shaded), with drawing, moving, resizing and
 * deleting. A drag is previewed locally and written as one batch when released — one undo step, and
 * collaborators see the result, not every intermediate pixel.
 */
export function PianoRoll({ track, view, onZoom }: { track: TrackDocument; view: RollView; onZoom: (pxPerBeat: number) => void }) {
  const { controller } = useStudioContext();
  const doc = useStudio((s) => s.document)!;
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 800, h: 260 });
  const [scrollTick, setScrollTick] = useState(0);
  const [topPitch, setTopPitch] = useState(() => initialTop(track));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [drag, setDrag] = useState<Drag | null>(null);
  const lastLength = useRef(240);
  const pointerTick = useRef<number | null>(null);

  const barTicks = ticksPerBar(doc.time_signature);
  const beatTicks = ticksPerBeat(doc.time_signature);
  const key = parseKeyJson(doc.key) ?? C_MAJOR;
  const flats = prefersFlats(key);
  const notes = useMemo(() => placedNotes(track, barTicks), [track, barTicks]);
  const songTicks = arrange(doc).lengthTicks;
  const pxPerTick = view.pxPerBeat / TICKS_PER_QUARTER;

  const xOf = useCallback((tick: number) => KEYS_WIDTH + (tick - scrollTick) * pxPerTick, [scrollTick, pxPerTick]);
  const yOf = useCallback((pitch: number) => RULER + (topPitch - pitch) * ROW, [topPitch]);
  const tickAt = (x: number) => scrollTick + (x - KEYS_WIDTH) / pxPerTick;
  const pitchAt = (y: number) => topPitch - Math.floor((y - RULER) / ROW);

  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setSize({ w: el.clientWidth, h: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => setSelected(new Set()), [track.id]);
  // Others see what I select, in my colour; I see theirs.
  useEffect(() => controller.select(selected.size > 0 ? track.id : null, [...selected]), [controller, selected, track.id]);
  const selections = useStudio((s) => s.selections);
  const theirs = useMemo(() => {
    const byNote = new Map<string, string>();
    for (const sel of Object.values(selections)) if (sel.trackId === track.id) for (const id of sel.ids) byNote.set(id, sel.color);
    return byNote;
  }, [selections, track.id]);

  // What the notes look like with the current drag applied.
  const shown = useMemo(() => {
    if (!drag) return notes;
    if (drag.mode === 'draw') return [...notes, { clipId: '', id: '__draft', pitch: drag.pitch, tick: drag.tick, duration: Math.max(1, drag.end - drag.tick), velocity: 100 }];
    const ids = new Set(drag.notes.map((n) => n.id));
    return notes.map((n) => {
      if (!ids.has(n.id)) return n;
      if (drag.mode === 'move') return { ...n, tick: Math.max(0, n.tick + drag.dTick), pitch: Math.min(127, Math.max(0, n.pitch + drag.dPitch)) };
      return { ...n, duration: Math.max(view.snap || 10, n.duration + drag.dTick) };
    });
  }, [notes, drag, view.snap]);

  useEffect(() => {
    const c = canvas.current;
    const g = c?.getContext('2d');
    if (!c || !g) return;
    const ratio = devicePixelRatio;
    c.width = size.w * ratio;
    c.height = size.h * ratio;
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.fillStyle = '#10131a';
    g.fillRect(0, 0, size.w, size.h);
    const rows = Math.ceil((size.h - RULER) / ROW) + 1;
    // Rows: black keys darker; the key's notes lighter, its tonic tinted.
    for (let i = 0; i < rows; i++) {
      const pitch = topPitch - i;
      if (pitch < 0) break;
      const y = RULER + i * ROW;
      const pc = pitch % 12;
      let fill = BLACK.has(pc) ? '#0d1016' : '#13161e';
      if (view.scale && keyContains(key, pitch)) fill = pc === key.tonic ? '#2a2417' : '#191d27';
      g.fillStyle = fill;
      g.fillRect(KEYS_WIDTH, y, size.w - KEYS_WIDTH, ROW);
      g.fillStyle = pc === 0 ? '#2c3244' : '#1a1e29';
      g.fillRect(KEYS_WIDTH, y + ROW - 1, size.w - KEYS_WIDTH, 1);
    }
    // Outside every clip: dimmed, since nothing there plays.
    g.fillStyle = 'rgba(0,0,0,0.28)';
    let covered = 0;
    const spans = track.clips.map((c2) => [c2.start_bar * barTicks, (c2.start_bar + c2.length_bars) * barTicks] as const).sort((a, b) => a[0] - b[0]);
    for (const [s, e] of spans) {
      if (s > covered) g.fillRect(xOf(covered), RULER, xOf(s) - xOf(covered), size.h);
      covered = Math.max(covered, e);
    }
    g.fillRect(Math.max(KEYS_WIDTH, xOf(covered)), RULER, size.w, size.h);
    // Grid lines: snap, beats, bars.
    const lastTick = tickAt(size.w);
    const fine = view.snap > 0 && view.snap * pxPerTick >= 8 ? view.snap : beatTicks;
    for (let t = Math.floor(scrollTick / fine) * fine; t <= lastTick; t += fine) {
      const x = Math.round(xOf(t)) + 0.5;
      if (x < KEYS_WIDTH) continue;
      g.fillStyle = t % barTicks === 0 ? '#39405a' : t % beatTicks === 0 ? '#252b3a' : '#1b2029';
      g.fillRect(x, RULER, 1, size.h);
    }
    // Notes: the seed's frequency → hue, brightness by velocity.
    for (const n of shown) {
      const x = xOf(n.tick);
      const w = Math.max(3, n.duration * pxPerTick - 1);
      const y = yOf(n.pitch);
      if (x + w < KEYS_WIDTH || x > size.w || y + ROW < RULER || y > size.h) continue;
      const hue = frequencyToHue(midiToFrequency(n.pitch));
      g.fillStyle = `hsl(${hue}, 70%, ${38 + (n.velocity / 127) * 24}%)`;
      roundRect(g, x, y + 1, w, ROW - 2, 3);
      g.fill();
      if (selected.has(n.id) || n.id === '__draft') {
        g.strokeStyle = '#ffffff';
        g.lineWidth = 1.5;
        g.stroke();
      } else if (theirs.has(n.id)) {
        g.strokeStyle = theirs.get(n.id)!;
        g.lineWidth = 2;
        g.setLineDash([3, 2]);
        g.stroke();
        g.setLineDash([]);
      }
      g.fillStyle = 'rgba(0,0,0,0.35)';
      g.fillRect(x + w - 3, y + 3, 2, ROW - 6);
    }
    // Ruler with bar numbers.
    g.fillStyle = '#151821';
    g.fillRect(0, 0, size.w, RULER);
    g.fillStyle = '#8c93a8';
    g.font = '10px ui-monospace, monospace';
    for (let b = Math.floor(scrollTick / barTicks); b * barTicks <= lastTick; b++) {
      const x = xOf(b * barTicks);
      if (x >= KEYS_WIDTH) g.fillText(String(b + 1), x + 4, 13);
    }
    g.fillStyle = 'rgba(255,179,71,0.5)';
    g.fillRect(Math.max(KEYS_WIDTH, xOf(songTicks)), 0, 1, RULER);
    // Keyboard.
    for (let i = 0; i < rows; i++) {
      const pitch = topPitch - i;
      if (pitch < 0) break;
      const y = RULER + i * ROW;
      const pc = pitch % 12;
      g.fillStyle = BLACK.has(pc) ? '#1b1e27' : '#d9dce6';
      g.fillRect(0, y, KEYS_WIDTH - 2, ROW - 1);
      if (pc === 0 || (view.scale && pc === key.tonic)) {
        g.fillStyle = BLACK.has(pc) ? '#e7e9f0' : '#10131a';
        g.fillText(noteName(pitch, flats), 6, y + ROW - 3);
      }
    }
    g.fillStyle = '#151821';
    g.fillRect(0, 0, KEYS_WIDTH, RULER);
  }, [shown, selected, theirs, size, topPitch, scrollTick, pxPerTick, view.scale, view.snap, key.tonic, key.mode, barTicks, beatTicks, songTicks, track.clips, flats, xOf, yOf]);

  useFrame((f) => {
    const el = head.current;
    if (!el) return;
    // Follow playback a screen at a time while playing (and not while the user is dragging).
    const visibleTicks = (size.w - KEYS_WIDTH) / pxPerTick;
    if (f.playing && !drag && (f.tick < scrollTick || f.tick > scrollTick + visibleTicks * 0.95)) {
      setScrollTick(Math.max(0, Math.floor(f.tick / barTicks) * barTicks));
    }
    const x = xOf(f.tick);
    el.style.display = f.playing && x >= KEYS_WIDTH ? 'block' : 'none';
    el.style.transform = `translateX(${x.toFixed(1)}px)`;
  });

  const hit = (x: number, y: number): { note: PlacedNote; edge: boolean } | null => {
    const pitch = pitchAt(y);
    for (let i = notes.length - 1; i >= 0; i--) {
      const n = notes[i]!;
      if (n.pitch !== pitch) continue;
      const x0 = xOf(n.tick);
      const x1 = x0 + Math.max(3, n.duration * pxPerTick);
      if (x >= x0 && x <= x1) return { note: n, edge: x >= x1 - EDGE };
    }
    return null;
  };

  const point = (e: React.PointerEvent | React.MouseEvent) => {
    const box = canvas.current!.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };

  const onPointerDown = (e: React.PointerEvent) => {
    if (e.button !== 0) return;
    const { x, y } = point(e);
    if (x < KEYS_WIDTH) {
      controller.transport.engine?.audition(track.id, pitchAt(y), 100, 0.4);
      return;
    }
    if (y < RULER) return;
    canvas.current!.setPointerCapture(e.pointerId);
    canvas.current!.focus();
    const found = hit(x, y);
    if (found) {
      const group = selected.has(found.note.id) ? notes.filter((n) => selected.has(n.id)) : [found.note];
      if (!selected.has(found.note.id)) setSelected(e.shiftKey ? new Set([...selected, found.note.id]) : new Set([found.note.id]));
      if (found.edge) setDrag({ mode: 'resize', x, notes: group, dTick: 0 });
      else {
        setDrag({ mode: 'move', x, y, notes: group, dTick: 0, dPitch: 0 });
        controller.transport.engine?.audition(track.id, found.note.pitch, found.note.velocity, 0.25);
      }
      return;
    }
    setSelected(new Set());
    const tick = Math.max(0, snapDown(tickAt(x), view.snap));
    const pitch = pitchAt(y);
    setDrag({ mode: 'draw', tick, pitch, end: tick + (view.snap > 0 ? Math.max(view.snap, lastLength.current) : lastLength.current) });
    controller.transport.engine?.audition(track.id, pitch, 100, 0.25);
  };

  const onPointerMove = (e: React.PointerEvent) => {
    const { x, y } = point(e);
    if (x >= KEYS_WIDTH) {
      pointerTick.current = Math.max(0, tickAt(x));
      controller.moveCursor(track.id, pointerTick.current / TICKS_PER_QUARTER);
    }
    if (!drag) {
      const found = x >= KEYS_WIDTH && y >= RULER ? hit(x, y) : null;
      canvas.current!.style.cursor = found ? (found.edge ? 'ew-resize' : 'grab') : 'crosshair';
      return;
    }
    if (drag.mode === 'draw') {
      const end = snapNearest(tickAt(x), view.snap);
      setDrag({ ...drag, end: Math.max(drag.tick + (view.snap || 10), end) });
    } else if (drag.mode === 'move') {
      setDrag({ ...drag, dTick: snapNearest((x - drag.x) / pxPerTick, view.snap), dPitch: Math.round((drag.y - y) / ROW) });
    } else {
      setDrag({ ...drag, dTick: snapNearest((x - drag.x) / pxPerTick, view.snap) });
    }
  };

  const onPointerUp = () => {
    if (!drag) return;
    const newId = () => controller.newId();
    if (drag.mode === 'draw') {
      lastLength.current = drag.end - drag.tick;
      controller.edit(drawNote(track, barTicks, drag.tick, drag.pitch, drag.end - drag.tick, 100, newId));
    } else if (drag.mode === 'move' && (drag.dTick !== 0 || drag.dPitch !== 0)) {
      controller.edit(moveNotes(track, barTicks, drag.notes, drag.dTick, drag.dPitch));
    } else if (drag.mode === 'resize' && drag.dTick !== 0) {
      const edits = resizeNotes(track, drag.notes, drag.dTick, view.snap || 10);
      controller.edit(edits);
      const first = drag.notes[0];
      if (first) lastLength.current = Math.max(view.snap || 10, first.duration + drag.dTick);
    }
    setDrag(null);
  };

  const removeSelected = () => {
    const chosen = notes.filter((n) => selected.has(n.id));
    if (chosen.length > 0) controller.edit(deleteNotes(track, chosen));
    setSelected(new Set());
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const chosen = notes.filter((n) => selected.has(n.id));
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      removeSelected();
    } else if (e.key === 'Escape') setSelected(new Set());
    else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      setSelected(new Set(notes.map((n) => n.id)));
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c') {
      clipboard = phraseOf(chosen, beatTicks) ?? clipboard;
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'x') {
      clipboard = phraseOf(chosen, beatTicks) ?? clipboard;
      removeSelected();
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'v' && clipboard) {
      e.preventDefault();
      // At the pointer (on the grid), else right after the selection, else at the start of the view.
      const phrase = clipboard;
      const after = chosen.length > 0 ? Math.min(...chosen.map((n) => n.tick)) + phrase.length : null;
      const at = pointerTick.current !== null ? snapDown(pointerTick.current, view.snap || beatTicks) : (after ?? scrollTick);
      const { edits, ids } = pastePhrase(track, barTicks, phrase, at, () => controller.newId());
      controller.edit(edits);
      setSelected(new Set(ids));
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'd' && chosen.length > 0) {
      e.preventDefault();
      const phrase = phraseOf(chosen, beatTicks)!;
      const { edits, ids } = pastePhrase(track, barTicks, phrase, Math.min(...chosen.map((n) => n.tick)) + phrase.length, () => controller.newId());
      controller.edit(edits);
      setSelected(new Set(ids));
    } else if (chosen.length > 0 && ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(e.key)) {
      e.preventDefault();
      const step = view.snap || 120;
      const dPitch = e.key === 'ArrowUp' ? (e.shiftKey ? 12 : 1) : e.key === 'ArrowDown' ? (e.shiftKey ? -12 : -1) : 0;
      const dTick = e.key === 'ArrowRight' ? step : e.key === 'ArrowLeft' ? -step : 0;
      controller.edit(moveNotes(track, barTicks, chosen, dTick, dPitch));
    } else if (e.key === '+' || e.key === '=') onZoom(Math.min(480, view.pxPerBeat * 1.25));
    else if (e.key === '-') onZoom(Math.max(16, view.pxPerBeat / 1.25));
  };

  const onWheel = (e: React.WheelEvent) => {
    if (e.ctrlKey || e.metaKey) {
      onZoom(Math.min(480, Math.max(16, view.pxPerBeat * (e.deltaY < 0 ? 1.15 : 1 / 1.15))));
    } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      const delta = (e.shiftKey ? e.deltaY : e.deltaX) / pxPerTick;
      setScrollTick((s) => Math.max(0, Math.min(Math.max(0, songTicks + barTicks * 4), s + delta)));
    } else {
      const visible = Math.floor((size.h - RULER) / ROW);
      setTopPitch((p) => Math.min(127, Math.max(visible - 1, p - Math.sign(e.deltaY) * 3)));
    }
  };

  // Wheel must not scroll the page behind: React's onWheel is passive, so block it natively.
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const block = (e: WheelEvent) => e.preventDefault();
    c.addEventListener('wheel', block, { passive: false });
    return () => c.removeEventListener('wheel', block);
  }, []);

  return (
    <div className="roll-wrap" ref={wrap}>
      <canvas
        ref={canvas}
        data-testid="piano-roll"
        tabIndex={0}
        aria-label={`Piano roll of ${track.name}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => {
          pointerTick.current = null;
          if (!drag) controller.moveCursor(null, 0);
        }}
        onDoubleClick={(e) => {
          const { x, y } = point(e);
          const found = hit(x, y);
          if (found) {
            controller.edit(deleteNotes(track, [found.note]));
            setSelected(new Set());
          }
        }}
        onContextMenu={(e) => {
          e.preventDefault();
          const { x, y } = point(e);
          const found = hit(x, y);
          if (found) controller.edit(deleteNotes(track, [found.note]));
        }}
        onKeyDown={onKeyDown}
        onWheel={onWheel}
      />
      <div ref={head} className="playhead" style={{ display: 'none', top: 0, bottom: 0, height: '100%' }} />
      <div style={{ position: 'absolute', inset: `${RULER}px 0 0 0`, pointerEvents: 'none' }}>
        <RemoteCursors trackId={track.id} beatToX={(beat) => {
          const x = xOf(beat * TICKS_PER_QUARTER);
          return x < KEYS_WIDTH || x > size.w ? null : x;
        }} />
      </div>
    </div>
  );
}

function initialTop(track: TrackDocument): number {
  const pitches = track.clips.flatMap((c) => c.notes.map((n) => n.pitch));
  if (pitches.length > 0) return Math.min(127, Math.round((Math.max(...pitches) + Math.min(...pitches)) / 2) + 8);
  return track.kind === 'bass' ? 52 : 80;
}

function roundRect(g: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  g.beginPath();
  g.moveTo(x + r, y);
  g.arcTo(x + w, y, x + w, y + h, r);
  g.arcTo(x + w, y + h, x, y + h, r);
  g.arcTo(x, y + h, x, y, r);
  g.arcTo(x, y, x + w, y, r);
  g.closePath();
}
