import { useEffect, useRef } from 'react';
import type { TrackDocument } from '../document/projectDocument';
import { arrange } from '../music/arrangement';
import { ticksPerBar, TICKS_PER_QUARTER } from '../music/time';
import { frequencyToColor, midiToFrequency } from '../music/visualMappings';
import { useFrame, useStudioContext } from './frame';
import { useStudio } from './store';
import { RemoteCursors } from './RemoteCursors';

/** A melodic track's notes at a glance, across the whole song; click to edit them in the piano roll. */
export function MiniRoll({ track }: { track: TrackDocument }) {
  const { controller } = useStudioContext();
  // Only what this view draws with, so that an edit elsewhere does not redraw it.
  const lengthTicks = useStudio((s) => arrange(s.document!).lengthTicks);
  const barTicks = useStudio((s) => ticksPerBar(s.document!.time_signature));
  const canvas = useRef<HTMLCanvasElement>(null);
  const head = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const c = canvas.current;
    const g = c?.getContext('2d');
    if (!c || !g) return;
    c.width = c.clientWidth * devicePixelRatio;
    c.height = c.clientHeight * devicePixelRatio;
    g.clearRect(0, 0, c.width, c.height);
    const notes = track.clips.flatMap((clip) => clip.notes.map((n) => ({ ...n, tick: clip.start_bar * barTicks + n.start_tick })));
    const pitches = notes.map((n) => n.pitch);
    const lo = pitches.length ? Math.min(...pitches) - 3 : 48;
    const hi = Math.max(pitches.length ? Math.max(...pitches) + 3 : 72, lo + 14);
    const x = (tick: number) => (tick / lengthTicks) * c.width;
    g.strokeStyle = 'rgba(255,255,255,0.06)';
    for (let b = 0; b <= lengthTicks / barTicks; b++) {
      g.beginPath();
      g.moveTo(Math.round(x(b * barTicks)) + 0.5, 0);
      g.lineTo(Math.round(x(b * barTicks)) + 0.5, c.height);
      g.stroke();
    }
    for (const clip of track.clips) {
      g.fillStyle = 'rgba(255,255,255,0.03)';
      g.fillRect(x(clip.start_bar * barTicks), 0, x(clip.length_bars * barTicks), c.height);
    }
    const rowHeight = c.height / (hi - lo + 1);
    for (const n of notes) {
      g.fillStyle = frequencyToColor(midiToFrequency(n.pitch), 62);
      g.fillRect(x(n.tick), c.height - (n.pitch - lo + 1) * rowHeight, Math.max(2, x(n.duration_ticks) - 1), Math.max(2, rowHeight - 1));
    }
    if (notes.length === 0) {
      g.fillStyle = '#5d647a';
      g.font = `${12 * devicePixelRatio}px system-ui`;
      g.fillText('No notes yet — draw some in the piano roll below.', 12 * devicePixelRatio, c.height / 2 + 4 * devicePixelRatio);
    }
  }, [track, lengthTicks, barTicks]);

  useFrame((f) => {
    const el = head.current;
    const c = canvas.current;
    if (!el || !c) return;
    el.style.display = f.playing ? 'block' : 'none';
    el.style.transform = `translateX(${((f.tick / lengthTicks) * c.clientWidth).toFixed(1)}px)`;
  });

  const beatToX = (beat: number) => {
    const width = canvas.current?.clientWidth ?? 0;
    return 12 + ((beat * TICKS_PER_QUARTER) / lengthTicks) * width;
  };

  return (
    <div
      style={{ position: 'relative' }}
      onClick={() => useStudio.setState({ selectedTrackId: track.id })}
      onPointerMove={(e) => {
        const box = canvas.current?.getBoundingClientRect();
        if (box) controller.moveCursor(track.id, (((e.clientX - box.left) / box.width) * lengthTicks) / TICKS_PER_QUARTER);
      }}
      onPointerLeave={() => controller.moveCursor(null, 0)}
    >
      <canvas ref={canvas} className="mini-roll" title="Click to edit in the piano roll" />
      <div ref={head} className="playhead" style={{ display: 'none', height: '100%' }} />
      <RemoteCursors trackId={track.id} beatToX={(b) => beatToX(b) - 12} />
    </div>
  );
}
