import { useState } from 'react';
import { MODES } from '../../music/musicalKey';
import { useStudioContext } from '../frame';
import { useStudio } from '../store';
import { PianoRoll } from './PianoRoll';
import type { RollView } from './geometry';
import { TRACK_COLORS } from '../trackColors';

const SNAPS: readonly [string, number][] = [
  ['1/4', 480],
  ['1/8', 240],
  ['1/16', 120],
  ['1/32', 60],
  ['off', 0],
];

/** The editor under the tracks: the piano roll of the selected melodic track, with its tools. */
const TONICS = ['C', 'C#', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'];

export function PianoRollPanel() {
  const { controller } = useStudioContext();
  const doc = useStudio((s) => s.document);
  const selectedId = useStudio((s) => s.selectedTrackId);
  const track = doc?.tracks.find((t) => t.id === selectedId && t.kind !== 'drums');
  const [view, setView] = useState<RollView>({ snap: 120, pxPerBeat: 90, scale: true });
  const busy = useStudio((s) => s.composing !== null);
  const live = useStudio((s) => s.status === 'live');
  if (!doc || !track) return null;
  const empty = track.clips.every((c) => c.notes.length === 0);
  return (
    <section className="editor" style={{ ['--track-color' as string]: TRACK_COLORS[track.kind] }}>
      <div className="editor-bar">
        <span className="title" style={{ color: TRACK_COLORS[track.kind] }}>
          {track.name}
        </span>
        <span className="label" style={{ marginLeft: 8 }}>
          Key
        </span>
        <select className="input preset" style={{ flex: 'none', width: 62 }} aria-label="Key tonic" value={doc.key.tonic} onChange={(e) => controller.edit([{ type: 'update', path: ['key'], value: { tonic: e.target.value, mode: doc.key.mode } }])}>
          {TONICS.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
          {!TONICS.includes(doc.key.tonic) && <option value={doc.key.tonic}>{doc.key.tonic}</option>}
        </select>
        <select className="input preset" style={{ flex: 'none', width: 104 }} aria-label="Key mode" value={doc.key.mode} onChange={(e) => controller.edit([{ type: 'update', path: ['key'], value: { tonic: doc.key.tonic, mode: e.target.value } }])}>
          {MODES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <span className="label" style={{ marginLeft: 12 }}>
          Snap
        </span>
        <select className="input preset" style={{ flex: 'none', width: 72 }} aria-label="Snap" value={view.snap} onChange={(e) => setView({ ...view, snap: Number(e.target.value) })}>
          {SNAPS.map(([label, ticks]) => (
            <option key={label} value={ticks}>
              {label}
            </option>
          ))}
        </select>
        <button className="btn toggle mini" aria-pressed={view.scale} onClick={() => setView({ ...view, scale: !view.scale })} title="Highlight the notes of the key">
          Scale
        </button>
        <span className="label" style={{ marginLeft: 12 }}>
          Zoom
        </span>
        <button className="btn mini" aria-label="Zoom out" onClick={() => setView({ ...view, pxPerBeat: Math.max(16, view.pxPerBeat / 1.4) })}>
          −
        </button>
        <button className="btn mini" aria-label="Zoom in" onClick={() => setView({ ...view, pxPerBeat: Math.min(480, view.pxPerBeat * 1.4) })}>
          +
        </button>
        <button
          className="btn mini"
          style={{ marginLeft: 12, flex: 'none' }}
          data-testid="harmonize"
          disabled={empty || busy || !live}
          onClick={() => void controller.suggestions.harmonize(track.id)}
          title={empty ? 'Write a melody first: the harmony agent finds chords for its notes' : !live ? 'Harmonizing needs the connection' : 'Ask the harmony agent for chords and a bass line to this melody'}
        >
          Harmonize
        </button>
        <span className="muted" style={{ fontSize: 11, marginLeft: 'auto', minWidth: 0 }}>
          click to draw · drag to move · drag the end to resize · double-click or Delete removes
        </span>
      </div>
      <PianoRoll track={track} view={view} onZoom={(pxPerBeat) => setView((v) => ({ ...v, pxPerBeat }))} />
    </section>
  );
}
