import { useEffect, useRef, useState, type Dispatch, type KeyboardEvent, type MouseEvent, type PointerEvent, type RefObject, type SetStateAction, type WheelEvent } from 'react';
import type { TrackDocument } from '../../document/projectDocument';
import { deleteNotes, drawNote, moveNotes, pastePhrase, resizeNotes } from '../../edits/noteEdits';
import { phraseOf, snapDown, snapNearest, type Phrase, type PlacedNote } from '../../music/placedNotes';
import { TICKS_PER_QUARTER } from '../../music/time';
import { useStudioContext } from '../frame';
import { KEYS_WIDTH, ROW, RULER, type Drag, type RollGeometry, type RollView } from './geometry';

/** The piano roll's clipboard: shared by every track's roll in this tab. */
let clipboard: Phrase | null = null;

export interface RollGestureInput {
  readonly track: TrackDocument;
  readonly notes: readonly PlacedNote[];
  readonly geometry: RollGeometry;
  readonly view: RollView;
  readonly barTicks: number;
  readonly beatTicks: number;
  readonly songTicks: number;
  /** The canvas's height in px (a wheel scrolls the rows within it). */
  readonly height: number;
  readonly canvas: RefObject<HTMLCanvasElement | null>;
  readonly onZoom: (pxPerBeat: number) => void;
  readonly setScrollTick: Dispatch<SetStateAction<number>>;
  readonly setTopPitch: Dispatch<SetStateAction<number>>;
}

/**
 * What the pointer, the keys and the wheel do on the piano roll: draw, move and resize notes (a drag is
 * previewed and written as one batch when let go — one undo step, and collaborators see the result,
 * not every intermediate pixel), select, delete, copy and paste, nudge, zoom and scroll. Holds the
 * selection (shown to the others) and the drag in progress; the edits come from edits/noteEdits.ts.
 */
export function useRollGestures(input: RollGestureInput) {
  const { track, notes, geometry: geo, view, barTicks, beatTicks, songTicks, canvas, onZoom } = input;
  const { controller } = useStudioContext();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [drag, setDrag] = useState<Drag | null>(null);
  const lastLength = useRef(240);
  const pointerTick = useRef<number | null>(null);
  const pxPerTick = geo.pxPerTick;

  useEffect(() => setSelected(new Set()), [track.id]);
  // Others see what I select, in my colour.
  useEffect(() => controller.select(selected.size > 0 ? track.id : null, [...selected]), [controller, selected, track.id]);

  // Wheel must not scroll the page behind: React's onWheel is passive, so block it natively.
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const block = (e: globalThis.WheelEvent) => e.preventDefault();
    c.addEventListener('wheel', block, { passive: false });
    return () => c.removeEventListener('wheel', block);
  }, [canvas]);

  const point = (e: PointerEvent | MouseEvent) => {
    const box = canvas.current!.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };

  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    const { x, y } = point(e);
    if (x < KEYS_WIDTH) {
      controller.transport.engine?.audition(track.id, geo.pitchAt(y), 100, 0.4);
      return;
    }
    if (y < RULER) return;
    canvas.current!.setPointerCapture(e.pointerId);
    canvas.current!.focus();
    const found = geo.hit(notes, x, y);
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
    const tick = Math.max(0, snapDown(geo.tickAt(x), view.snap));
    const pitch = geo.pitchAt(y);
    setDrag({ mode: 'draw', tick, pitch, end: tick + (view.snap > 0 ? Math.max(view.snap, lastLength.current) : lastLength.current) });
    controller.transport.engine?.audition(track.id, pitch, 100, 0.25);
  };

  const onPointerMove = (e: PointerEvent) => {
    const { x, y } = point(e);
    if (x >= KEYS_WIDTH) {
      pointerTick.current = Math.max(0, geo.tickAt(x));
      controller.moveCursor(track.id, pointerTick.current / TICKS_PER_QUARTER);
    }
    if (!drag) {
      const found = x >= KEYS_WIDTH && y >= RULER ? geo.hit(notes, x, y) : null;
      canvas.current!.style.cursor = found ? (found.edge ? 'ew-resize' : 'grab') : 'crosshair';
      return;
    }
    if (drag.mode === 'draw') {
      const end = snapNearest(geo.tickAt(x), view.snap);
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

  const onPointerLeave = () => {
    pointerTick.current = null;
    if (!drag) controller.moveCursor(null, 0);
  };

  const onDoubleClick = (e: MouseEvent) => {
    const { x, y } = point(e);
    const found = geo.hit(notes, x, y);
    if (found) {
      controller.edit(deleteNotes(track, [found.note]));
      setSelected(new Set());
    }
  };

  const onContextMenu = (e: MouseEvent) => {
    e.preventDefault();
    const { x, y } = point(e);
    const found = geo.hit(notes, x, y);
    if (found) controller.edit(deleteNotes(track, [found.note]));
  };

  const removeSelected = () => {
    const chosen = notes.filter((n) => selected.has(n.id));
    if (chosen.length > 0) controller.edit(deleteNotes(track, chosen));
    setSelected(new Set());
  };

  const onKeyDown = (e: KeyboardEvent) => {
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
      const at = pointerTick.current !== null ? snapDown(pointerTick.current, view.snap || beatTicks) : (after ?? geo.scrollTick);
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

  const onWheel = (e: WheelEvent) => {
    if (e.ctrlKey || e.metaKey) {
      onZoom(Math.min(480, Math.max(16, view.pxPerBeat * (e.deltaY < 0 ? 1.15 : 1 / 1.15))));
    } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      const delta = (e.shiftKey ? e.deltaY : e.deltaX) / pxPerTick;
      input.setScrollTick((s) => Math.max(0, Math.min(Math.max(0, songTicks + barTicks * 4), s + delta)));
    } else {
      const visible = Math.floor((input.height - RULER) / ROW);
      input.setTopPitch((p) => Math.min(127, Math.max(visible - 1, p - Math.sign(e.deltaY) * 3)));
    }
  };

  const handlers = { onPointerDown, onPointerMove, onPointerUp, onPointerLeave, onDoubleClick, onContextMenu, onKeyDown, onWheel };
  return { selected, drag, handlers };
}
