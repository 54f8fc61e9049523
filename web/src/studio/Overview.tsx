import { useEffect, useRef } from 'react';
import { visualEffect } from '../api/rest';
import { EffectFamilies } from '../music/visualEffects';
import { drawEffect } from './drawEffects';
import { arrange } from '../music/arrangement';
import { ticksPerBar } from '../music/time';
import { frequencyToHue, midiToFrequency, velocityToScale } from '../music/visualMappings';
import { useFrame, useStudioContext } from './frame';
import { useStudio } from './store';

/**
 * The strip under the transport: a visualizer drawn every frame from the audio clock with the seed's
 * mappings (a note's velocity sets its size, its frequency its hue), over a spectrum, and the song's
 * timeline with the playhead.
 */
export function Overview() {
  const { controller } = useStudioContext();
  // While auditioning, what the engine plays (the song with the suggestion), so the playhead and the notes match what is heard.
  const doc = useStudio((s) => s.playingDocument ?? s.document);
  const auditionBpm = useStudio((s) => s.playingDocument?.bpm ?? null);
  const alone = useStudio((s) => s.auditionAlone);
  const canvas = useRef<HTMLCanvasElement>(null);
  // Each instrument's effect family, asked of the visual agent once per instrument (never per note).
  const families = useRef<EffectFamilies | null>(null);
  families.current ??= new EffectFamilies(visualEffect);
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

  // The arrangement drawn once per change into an offscreen canvas, copied into each frame.
  const song = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    if (!doc) return;
    const off = (song.current ??= document.createElement('canvas'));
    off.width = 1200;
    off.height = 56;
    const g = off.getContext('2d')!;
    g.clearRect(0, 0, off.width, off.height);
    const a = arrange(doc);
    if (a.notes.length === 0) return;
    const lo = Math.min(...a.notes.map((n) => n.pitch));
    const hi = Math.max(...a.notes.map((n) => n.pitch), lo + 12);
    for (const n of a.notes) {
      const x = (n.tick / a.lengthTicks) * off.width;
      const y = off.height - 4 - ((n.pitch - lo) / (hi - lo)) * (off.height - 8);
      g.fillStyle = `hsla(${frequencyToHue(midiToFrequency(n.pitch))}, 70%, 60%, 0.35)`;
      g.fillRect(x, y - 1.5, Math.max(2, (n.durationTicks / a.lengthTicks) * off.width), 3);
    }
  }, [doc]);

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
    // The whole song in miniature: every note where it sits, in the colour of its pitch.
    if (song.current) g.drawImage(song.current, 0, 0, w, h);
    const engine = controller.transport.engine;
    if (!engine) return;
    // Spectrum in 48 bands spaced like octaves (20 Hz–20 kHz), each in the colour of its frequency.
    const spectrum = engine.analyser.getValue();
    const binHz = engine.analyser.context.sampleRate / 2 / spectrum.length;
    const BANDS = 48;
    for (let b = 0; b < BANDS; b++) {
      const lo = 20 * 1000 ** (b / BANDS);
      const hi = 20 * 1000 ** ((b + 1) / BANDS);
      let peak = -Infinity;
      for (let i = Math.max(1, Math.floor(lo / binHz)); i <= Math.min(spectrum.length - 1, Math.ceil(hi / binHz)); i++) peak = Math.max(peak, spectrum[i] as number);
      const level = Math.max(0, (peak + 96) / 84);
      if (level <= 0) continue;
      g.fillStyle = `hsla(${frequencyToHue(Math.sqrt(lo * hi))}, 70%, 55%, 0.28)`;
      g.fillRect((b / BANDS) * w + 1, h - level * h, w / BANDS - 2, level * h);
    }
    // Notes: each drawn in its instrument's effect family, in its track's column, fading out.
    const now = f.audioTime;
    const columnWidth = w / trackCount;
    for (const e of engine.visualEvents) {
      if (e.time > now || now > e.time + e.duration + 0.35) continue;
      const jitter = e.drums ? ((e.frequency % 97) / 97 - 0.5) * columnWidth * 0.6 : 0;
      drawEffect(g, {
        family: families.current!.familyOf(e.instrument, e.velocity, e.frequency),
        cx: ((e.trackIndex + 0.5) / trackCount) * w + jitter,
        columnWidth,
        height: h,
        cy: h * (1 - frequencyToHue(e.frequency) / 360) * 0.8 + h * 0.1,
        age: (now - e.time) / (e.duration + 0.35),
        scale: velocityToScale(e.velocity),
        hue: frequencyToHue(e.frequency),
        seed: e.time,
        dpr: devicePixelRatio,
      });
    }
  });

  return (
    <div className="overview">
      <canvas ref={canvas} />
      {auditionBpm !== null && (
        <div className="audition-flag" data-testid="audition-flag" title="Suggestions are playing; the song is unchanged until you keep one">
          Auditioning · {Math.round(auditionBpm)} BPM{alone ? ' · alone' : ' · with the song'}
        </div>
      )}
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
