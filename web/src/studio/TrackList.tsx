import { memo, useState } from 'react';
import type { TrackDocument } from '../document/projectDocument';
import { INSTRUMENT_PRESETS, TRACK_KINDS, type TrackKind } from '../document/trackKinds';
import { useStudioContext } from './frame';
import { useStudio } from './store';
import { MixerStrip } from './MixerStrip';
import { StepSequencer } from './StepSequencer';
import { MiniRoll } from './MiniRoll';
import { addTrack, suggestedKind } from '../edits/trackEdits';
import { TRACK_COLORS } from './trackColors';

export { INSTRUMENT_PRESETS };

/** Every track as a row: its mixer strip, and its pattern (drums) or an overview of its notes. */
export function TrackList() {
  const doc = useStudio((s) => s.document);
  const selected = useStudio((s) => s.selectedTrackId);
  if (!doc) return <div className="center-message">Loading the project…</div>;
  return (
    <main className="tracks" data-testid="tracks">
      {doc.tracks.map((track, index) => (
        <TrackRow key={track.id} track={track} index={index} selected={track.id === selected} />
      ))}
      {doc.tracks.length === 0 && (
        <div className="empty" style={{ padding: 28 }}>
          <p style={{ color: 'var(--text)', fontSize: 16, margin: '0 0 6px' }}>An empty song.</p>
          Add a drums track to start a beat, then a bass line in the piano roll — or ask the agents for a beat, chords and a melody.
        </div>
      )}
      <AddTrack />
    </main>
  );
}

/** Memoized: the replica keeps unchanged tracks the same objects, so an edit redraws only its own track. */
const TrackRow = memo(function TrackRow({ track, index, selected }: { track: TrackDocument; index: number; selected: boolean }) {
  return (
    <section
      className={`track${selected ? ' selected' : ''}`}
      data-testid={`track-${index}`}
      data-track-id={track.id}
      style={{ ['--track-color' as string]: TRACK_COLORS[track.kind] }}
      onPointerDown={() => track.kind !== 'drums' && useStudio.setState({ selectedTrackId: track.id })}
    >
      <MixerStrip track={track} index={index} />
      <div className="track-body">{track.kind === 'drums' ? <StepSequencer track={track} index={index} /> : <MiniRoll track={track} />}</div>
    </section>
  );
});

function AddTrack() {
  const { controller } = useStudioContext();
  const doc = useStudio((s) => s.document)!;
  const [chosen, setChosen] = useState<TrackKind | null>(null);
  const kind = chosen ?? suggestedKind(doc);
  return (
    <div className="add-track">
      <button
        className="btn primary"
        data-testid="add-track"
        onClick={() => {
          const edits = addTrack(doc, kind, () => controller.newId());
          controller.edit(edits);
          if (kind !== 'drums') useStudio.setState({ selectedTrackId: edits[0]!.path[1]! });
          setChosen(null);
        }}
      >
        + Add {kind} track
      </button>
      <select className="input" aria-label="Kind of track to add" value={kind} onChange={(e) => setChosen(e.target.value as TrackKind)} data-testid="add-track-kind">
        {TRACK_KINDS.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
      <span className="muted" style={{ fontSize: 12, marginLeft: 8 }}>
        Drums get a step sequencer; every other kind a piano roll. Press <span className="kbd">?</span> for shortcuts.
      </span>
    </div>
  );
}
