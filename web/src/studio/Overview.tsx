import { useEffect, useRef } from 'react';
import { arrange } from '../music/arrangement';
import { ticksPerBar } from '../music/time';
import { frequencyToHue, velocityToScale } from '../music/visualMappings';
import { useFrame, useStudioContext } from './frame';
import { useStudio } from './store';

/**
 * The strip under the transport: a visualizer drawn every frame from the audio clock with the seed's
 * mappings (a note's velocity sets its size, its frequency its hue), over a spectrum, and the song's
 * timeline with the playhead.
 */
export function Overview() {
  const { controller } = useStudioContext();
  const doc = useStudio((s) => s.document);
  const canvas = useRef<HTMLCanvasElement>(null);
  const playhead = useRef<HTMLDivElement>(null);
  const timeline = useRef<HTMLDivElement>(null);
  const lengthTicks = doc ? arrange(doc).lengthTicks : 1920;
  const barTicks = doc ? ticksPerBar(doc.time_signature) : 1920;
  const bars = Math.round(lengthTicks / barTicks);
  const trackCount = Math.max(1, doc?.tracks.length ?? 1);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const resize = () => {
      c.width = c.clientWidth * devicePixelRatio;
      c.height = c.clientHeight * devicePixelRatio;
    };
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(c);
    return () => observer.disconnect();
  }, []);

  useFrame((f) => {
    const width = timeline.current?.clientWidth ?? 0;
    const x = (f.tick / lengthTicks) * width;
    if (playhead.current) {
      playhead.current.style.transform = `translateX(${x.toFixed(1)}px)`;
      playhead.current.dataset.tick = String(Math.round(f.tick));
      playhead.current.dataset.seconds = f.seconds.toFixed(3);
    }
    const c = canvas.current;
    const g = c?.getContext('2d');
    if (!c || !g) return;
    const w = c.width;
    const h = c.height - 16 * devicePixelRatio;
    g.clearRect(0, 0, c.width, c.height);
    const engine = controller.audio;
    if (!engine) return;
    // Spectrum: each band in the colour of its frequency.
    const spectrum = engine.analyser.getValue();
    const bands = spectrum.length;
    const nyquist = 24000;
    for (let i = 1; i < bands; i++) {
      const db = spectrum[i] as number;
      const level = Math.max(0, (db + 100) / 80);
      if (level <= 0) continue;
      const freq = (i / bands) * nyquist;
      const x0 = (Math.log(freq / 20) / Math.log(1000)) * w;
      const x1 = (Math.log(((i + 1) / bands) * nyquist / 20) / Math.log(1000)) * w;
      g.fillStyle = `hsla(${frequencyToHue(freq)}, 70%, 55%, 0.22)`;
      g.fillRect(x0, h - level * h, Math.max(1, x1 - x0 - 1), level * h);
    }
    // Notes: circles that bloom when the note sounds, positioned by instrument (track), fading out.
    const now = f.audioTime;
    for (const e of engine.visualEvents) {
      if (e.time > now || now > e.time + e.duration + 0.35) continue;
      const age = (now - e.time) / (e.duration + 0.35);
      const scale = velocityToScale(e.velocity);
      const cx = ((e.trackIndex + 0.5) / trackCount) * w + (e.drums ? ((e.frequency % 97) / 97 - 0.5) * (w / trackCount) * 0.6 : 0);
      const cy = h * (1 - frequencyToHue(e.frequency) / 360) * 0.8 + h * 0.1;
      const radius = (6 + 10 * (1 - age)) * scale * devicePixelRatio;
      g.beginPath();
      g.arc(cx, cy, radius, 0, Math.PI * 2);
      g.fillStyle = `hsla(${frequencyToHue(e.frequency)}, 70%, 60%, ${(1 - age) * 0.85})`;
      g.shadowColor = `hsl(${frequencyToHue(e.frequency)}, 70%, 60%)`;
      g.shadowBlur = 14 * (1 - age);
      g.fill();
    }
    g.shadowBlur = 0;
  });

  return (
    <div className="overview">
      <canvas ref={canvas} />
      <div className="timeline" ref={timeline}>
        {Array.from({ length: bars }, (_, i) => (
          <div key={i} className="bar-mark" style={{ left: `${(i / bars) * 100}%` }}>
            {bars <= 64 || i % 4 === 0 ? i + 1 : ''}
          </div>
        ))}
        <div className="playhead" ref={playhead} data-testid="playhead" data-tick="0" data-seconds="0" />
      </div>
    </div>
  );
}
