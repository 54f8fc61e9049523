import { useEffect, useState } from 'react';
import type { TrackDocument } from '../document/projectDocument';
import { INSTRUMENT_PRESETS } from '../document/trackKinds';
import { LIMITS } from '../document/limits';
import { CommitSlider } from '../ui/CommitSlider';
import { useStudioContext } from './frame';
import { useStudio } from './store';
import { moveTrack } from '../edits/trackEdits';

const dbText = (db: number): string => (db <= LIMITS.minVolumeDb ? '−∞ dB' : `${db > 0 ? '+' : ''}${db.toFixed(1)} dB`);
const panText = (pan: number): string => (Math.abs(pan) < 0.01 ? 'C' : `${Math.round(Math.abs(pan) * 100)}${pan < 0 ? 'L' : 'R'}`);

/** A channel strip: name, preset, volume, pan, mute, solo, and the track's place in the list. */
export function MixerStrip({ track, index }: { track: TrackDocument; index: number }) {
  const { controller } = useStudioContext();
  const count = useStudio((s) => s.document?.tracks.length ?? 0);
  const tracks = () => useStudio.getState().document?.tracks ?? [];
  const [name, setName] = useState(track.name);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setName(track.name);
  }, [track.name, editing]);
  const path = ['tracks', track.id];
  const set = (property: string, value: unknown) => controller.edit([{ type: 'update', path: [...path, property], value }]);
  const commitName = () => {
    setEditing(false);
    const trimmed = name.trim();
    if (trimmed && trimmed !== track.name) set('name', trimmed.slice(0, LIMITS.maxNameLength));
    else setName(track.name);
  };
  return (
    <div className="strip">
      <div className="strip-head">
        <input
          className="input track-name"
          aria-label="Track name"
          value={name}
          onFocus={() => setEditing(true)}
          onChange={(e) => setName(e.target.value)}
          onBlur={commitName}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
        />
        <span className="kind-badge">{track.kind}</span>
      </div>
      <div className="strip-row">
        <select className="input preset" aria-label="Instrument preset" value={track.instrument} onChange={(e) => set('instrument', e.target.value)} data-testid={`preset-${index}`}>
          {INSTRUMENT_PRESETS.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <button className="btn mini mute" aria-pressed={track.mute} title="Mute" onClick={() => set('mute', !track.mute)} data-testid={`mute-${index}`}>
          M
        </button>
        <button className="btn mini solo" aria-pressed={track.solo} title="Solo" onClick={() => set('solo', !track.solo)} data-testid={`solo-${index}`}>
          S
        </button>
      </div>
      <div className="strip-row">
        <span className="label">Vol</span>
        <CommitSlider value={track.volume} min={-48} max={LIMITS.maxVolumeDb} step={0.5} label="Volume" testId={`volume-${index}`} onCommit={(v) => set('volume', v <= -48 ? LIMITS.minVolumeDb : v)} />
        <span className="value mono">{dbText(track.volume)}</span>
      </div>
      <div className="strip-row">
        <span className="label">Pan</span>
        <CommitSlider value={track.pan} min={-1} max={1} step={0.02} label="Pan" testId={`pan-${index}`} onCommit={(v) => set('pan', v)} />
        <span className="value mono">{panText(track.pan)}</span>
      </div>
      <div className="strip-row" style={{ justifyContent: 'flex-end', gap: 4 }}>
        <button className="btn mini" title="Move up" aria-label="Move track up" disabled={index === 0} onClick={() => controller.edit(moveTrack(tracks(), index, -1))}>
          ↑
        </button>
        <button className="btn mini" title="Move down" aria-label="Move track down" disabled={index === count - 1} onClick={() => controller.edit(moveTrack(tracks(), index, 1))}>
          ↓
        </button>
        <button
          className="btn mini danger"
          title="Remove track (undo brings it back)"
          aria-label="Remove track"
          data-testid={`remove-track-${index}`}
          onClick={() => controller.edit([{ type: 'delete', path }])}
        >
          ✕
        </button>
      </div>
    </div>
  );
}
