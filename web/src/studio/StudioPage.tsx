import { useEffect, useMemo, useState } from 'react';
import { claimTabSession, loadIdentity } from '../collab/identity';
import type { AudioEngine } from '../audio/AudioEngine';
import { StudioController } from './StudioController';
import { FrameLoop, StudioContext } from './frame';
import { initialStudioState, useStudio } from './store';
import { TopBar } from './TopBar';
import { Overview } from './Overview';
import { TrackList } from './TrackList';
import { PianoRollPanel } from './pianoRoll/PianoRollPanel';
import { AgentPanel } from './agents/AgentPanel';
import { isAuditionTrack } from '../suggestions/audition';
import { useShortcuts } from './shortcuts';
import { Toasts } from '../ui/Toasts';
import { navigate } from '../ui/navigation';

// Loaded as soon as the studio opens (so the first Play is instant), instantiated at the first gesture
// (browsers only let a page start audio from one, and an AudioContext made earlier only warns).
const loadEngine = () => import('../audio/AudioEngine');

declare global {
  interface Window {
    /** Test and debug hooks: the audio context's state and the transport position from the audio clock. */
    __zordic?: unknown;
  }
}

export default function StudioPage({ projectId }: { projectId: string }) {
  const [context, setContext] = useState<{ controller: StudioController; frames: FrameLoop } | null>(null);

  useEffect(() => {
    let disposed = false;
    let controller: StudioController | null = null;
    let engine: AudioEngine | null = null;
    let frames: FrameLoop | null = null;
    useStudio.setState({ ...initialStudioState, projectId });
    // Tone.js is parsed once the session is live (or at the first gesture), not while connecting.
    let enginePromise: ReturnType<typeof loadEngine> | null = null;
    const engineModule = () => (enginePromise ??= loadEngine());
    const unsubscribe = useStudio.subscribe((s) => {
      if (s.status === 'live') setTimeout(engineModule, 0);
    });
    performance.mark('zordic:studio-mounted');
    void claimTabSession().then((sessionId) => {
      performance.mark('zordic:session-claimed');
      if (disposed) return;
      controller = new StudioController(projectId, loadIdentity(), sessionId);
      frames = new FrameLoop(controller.transport);
      frames.start();
      controller.start();
      setContext({ controller, frames });
    });

    const wake = () => {
      if (engine || !controller) {
        void engine?.unlock();
        return;
      }
      const c = controller;
      void engineModule().then(({ AudioEngine }) => {
        if (disposed || engine) return;
        engine = new AudioEngine();
        c.attachEngine(engine);
        void engine.unlock().then(() => useStudio.setState({ audioReady: true }));
      });
    };
    window.addEventListener('pointerdown', wake, true);
    window.addEventListener('keydown', wake, true);

    window.__zordic = {
      get audio() {
        return { state: engine?.state ?? 'suspended', loaded: engine !== null, level: engine?.level() ?? -Infinity };
      },
      get transport() {
        return {
          playing: engine?.playing ?? false,
          seconds: engine?.positionSeconds() ?? 0,
          elapsed: engine?.elapsedSeconds() ?? 0,
          tick: engine?.songTick() ?? 0,
          bpm: useStudio.getState().document?.bpm ?? 120,
        };
      },
      get document() {
        return useStudio.getState().document;
      },
      get status() {
        return useStudio.getState().status;
      },
      get selections() {
        return Object.values(useStudio.getState().selections);
      },
      get pending() {
        return controller?.session.pendingOps.length ?? 0;
      },
      /** The agents' side: open suggestions (kind and id), the prompt in flight, what is auditioned. */
      get agents() {
        const s = useStudio.getState();
        return {
          suggestions: s.suggestions.map((x) => ({ id: x.suggestion_id, kind: x.kind, request: x.request_id, by: x.requested_by })),
          composing: s.composing !== null,
          error: s.composeError,
          audition: s.audition,
          auditionTracks: s.playingDocument?.tracks.filter((t) => isAuditionTrack(t.id)).length ?? 0,
          alone: s.auditionAlone,
          /** Tracks the engine plays: the song's, plus or instead of (alone) the auditioned ones. */
          heardTracks: (s.playingDocument ?? s.document)?.tracks.length ?? 0,
        };
      },
      dropConnection: () => controller?.dropConnection(),
    };

    return () => {
      disposed = true;
      unsubscribe();
      window.removeEventListener('pointerdown', wake, true);
      window.removeEventListener('keydown', wake, true);
      frames?.stop();
      void controller?.stop();
      engine?.dispose();
      delete window.__zordic;
    };
  }, [projectId]);

  return context ? (
    <StudioContext.Provider value={context}>
      <Studio />
    </StudioContext.Provider>
  ) : (
    <div className="center-message">Opening the studio…</div>
  );
}

function Studio() {
  const status = useStudio((s) => s.status);
  const name = useStudio((s) => s.document?.name);
  useShortcuts();
  useEffect(() => {
    if (name) document.title = `${name} · Zordic Studio`;
  }, [name]);
  const missing = useMemo(
    () => (
      <div className="center-message">
        <div>
          <p style={{ fontSize: 18, color: 'var(--text)' }}>This project does not exist (any more).</p>
          <button className="btn primary" onClick={() => navigate('/')}>Back to projects</button>
        </div>
      </div>
    ),
    [],
  );
  if (status === 'missing') return missing;
  return (
    <div className="studio">
      <TopBar />
      <div className="studio-main">
        <Overview />
        <TrackList />
        <PianoRollPanel />
      </div>
      <AgentPanel />
      <Notices />
    </div>
  );
}

/** The studio's notices, in a component of their own so that one coming or going redraws nothing else. */
function Notices() {
  const notices = useStudio((s) => s.notices);
  return <Toasts toasts={notices} />;
}
