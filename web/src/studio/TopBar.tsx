import { useEffect, useRef, useState } from 'react';
import { navigate } from '../ui/navigation';
import { LIMITS } from '../document/limits';
import { barsBeatsSixteenths, clockTime } from '../music/time';
import { BrandMark } from '../ui/BrandMark';
import { useFrame, useStudioContext } from './frame';
import { useStudio } from './store';
import { Presence } from './Presence';
import { ShortcutHelp } from './ShortcutHelp';
import { ExportMenu } from './ExportMenu';
import { CommitSlider } from '../ui/CommitSlider';

/** Text fields that write on Enter or blur, and show remote changes when not being typed in. */
function useDraft<T>(value: T): [string, (s: string) => void, boolean, (b: boolean) => void] {
  const [draft, setDraft] = useState(String(value));
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setDraft(String(value));
  }, [value, editing]);
  return [draft, setDraft, editing, setEditing];
}

export function TopBar() {
  const { controller } = useStudioContext();
  const doc = useStudio((s) => s.document);
  const playing = useStudio((s) => s.playing);
  const loop = useStudio((s) => s.loop);
  const metronome = useStudio((s) => s.metronome);
  const status = useStudio((s) => s.status);
  const pending = useStudio((s) => s.pending);
  const [name, setName, , setEditingName] = useDraft(doc?.name ?? '');
  const [bpm, setBpm, , setEditingBpm] = useDraft(doc?.bpm ?? 120);
  const bars = useRef<HTMLSpanElement>(null);
  const clock = useRef<HTMLSpanElement>(null);

  useFrame((f) => {
    if (!doc) return;
    if (bars.current) bars.current.textContent = barsBeatsSixteenths(f.tick, doc.time_signature);
    if (clock.current) clock.current.textContent = clockTime(f.seconds);
  });

  const commitName = () => {
    setEditingName(false);
    const trimmed = name.trim();
    if (doc && trimmed && trimmed !== doc.name) controller.edit([{ type: 'update', path: ['name'], value: trimmed.slice(0, LIMITS.maxNameLength) }]);
    else setName(doc?.name ?? '');
  };
  const commitBpm = (text = bpm) => {
    setEditingBpm(false);
    const value = Math.round(Number(text) * 100) / 100;
    if (doc && Number.isFinite(value) && value !== doc.bpm) controller.edit([{ type: 'update', path: ['bpm'], value: Math.min(LIMITS.maxBpm, Math.max(LIMITS.minBpm, value)) }]);
    else setBpm(String(doc?.bpm ?? 120));
  };

  return (
    <header className="topbar">
      <button className="btn icon" title="All projects" onClick={() => navigate('/')} aria-label="All projects">
        <BrandMark size={22} />
      </button>
      <input
        className="input project-name-input"
        data-testid="project-name"
        aria-label="Project name"
        value={name}
        onFocus={() => setEditingName(true)}
        onChange={(e) => setName(e.target.value)}
        onBlur={commitName}
        onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
      />
      <div className="sep" />
      <div className="group">
        <button className="btn transport-btn play" data-testid="play" aria-pressed={playing} title="Play (Space)" aria-label="Play" onClick={() => void (playing ? undefined : controller.transport.togglePlay())}>
          <svg width="14" height="14" viewBox="0 0 14 14"><path d="M3 1.5v11l9-5.5z" fill="currentColor" /></svg>
        </button>
        <button className="btn transport-btn" data-testid="stop" title="Stop (Space)" aria-label="Stop" onClick={() => void controller.transport.stopPlayback()}>
          <svg width="12" height="12" viewBox="0 0 12 12"><rect x="1" y="1" width="10" height="10" rx="1.5" fill="currentColor" /></svg>
        </button>
        <div className="position mono" title="Position: bar.beat.sixteenth and time">
          <div className="big"><span ref={bars}>1.1.1</span></div>
          <div className="small"><span ref={clock}>0:00.000</span></div>
        </div>
        <label className="group" title="Tempo (beats per minute)">
          <span className="label">BPM</span>
          <input
            className="input bpm-input mono"
            data-testid="bpm"
            aria-label="Tempo in BPM"
            type="number"
            min={LIMITS.minBpm}
            max={LIMITS.maxBpm}
            step={1}
            value={bpm}
            onFocus={() => setEditingBpm(true)}
            onChange={(e) => setBpm(e.target.value)}
            onBlur={() => commitBpm()}
            onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
          />
        </label>
        <label className="group" title={`Swing ${Math.round((doc?.swing ?? 0) * 100)} %`}>
          <span className="label">Swing</span>
          <CommitSlider className="swing" min={0} max={1} step={0.05} label="Swing" testId="swing" value={doc?.swing ?? 0} onCommit={(value) => controller.edit([{ type: 'update', path: ['swing'], value }])} />
        </label>
        <button className="btn toggle" aria-pressed={loop} title="Loop (L)" onClick={() => controller.transport.setLoop(!loop)} data-testid="loop">
          ⟲ Loop
        </button>
        <button className="btn toggle" aria-pressed={metronome} title="Metronome (K)" onClick={() => controller.transport.setMetronome(!metronome)} data-testid="metronome">
          ♩ Click
        </button>
      </div>
      <div className="sep" />
      <div className="group">
        <button className="btn icon" data-testid="undo" title="Undo your last change (Ctrl+Z)" aria-label="Undo" onClick={() => controller.undo()}>
          ↶
        </button>
        <button className="btn icon" data-testid="redo" title="Redo (Ctrl+Shift+Z)" aria-label="Redo" onClick={() => controller.redo()}>
          ↷
        </button>
        <ExportMenu />
      </div>
      <Presence />
      <div className={`status ${status}`} title={pending > 0 ? `${pending} edit(s) waiting for the server` : 'All edits saved'} data-testid="connection">
        <i /> {status === 'live' ? (pending > 0 ? 'saving…' : 'live') : status}
      </div>
      <ShortcutHelp />
    </header>
  );
}
