import { EditingSession, type Edit } from '../collab/EditingSession';
import type { CollaborativeOperation } from '../collab/operation';
import { StudioConnection, type Participant } from '../collab/StudioConnection';
import type { Identity } from '../collab/identity';
import { uuidv7 } from '../collab/uuidv7';
import type { AudioEngine } from '../audio/AudioEngine';
import { notify, useStudio, type RemoteCursor } from './store';

const PENDING_KEY = (projectId: string) => `zordic.pending.${projectId}`;

/** Messages for the codes a person can meet while editing (docs/collaboration.md, docs/hub.md). */
function explain(code: string, message: string): string {
  switch (code) {
    case 'deleted':
    case 'not_found':
      return `Someone removed what you were editing — your change was undone (${message}).`;
    case 'already_exists':
      return `That was already there — your change was undone.`;
    case 'rate_limited':
      return 'Too many edits at once: slow down a little, the last ones were undone.';
    case 'undo_conflict':
      return message.charAt(0).toUpperCase() + message.slice(1);
    case 'nothing_to_undo':
      return 'Nothing of yours to undo.';
    case 'nothing_to_redo':
      return 'Nothing to redo.';
    case 'unknown_project':
      return 'This project no longer exists.';
    default:
      return `Your change was refused and undone: ${message}`;
  }
}

/**
 * Runs one open project: the editing session (optimistic replica), the hub connection, the audio
 * engine once loaded, and the store the React views read. Edits go through `edit`; everything that
 * changes the document ends in `publish`, which hands the new view to the store and to the engine.
 */
export class StudioController {
  readonly session: EditingSession;
  private readonly connection: StudioConnection;
  private engine: AudioEngine | null = null;
  private engineArrived: (engine: AudioEngine) => void = () => {};
  /** Resolves once the audio engine exists (at the page's first gesture). */
  readonly whenAudio: Promise<AudioEngine> = new Promise((resolve) => (this.engineArrived = resolve));
  private synced = false;
  private cursorTimer: ReturnType<typeof setTimeout> | null = null;
  private lastCursor: { track: string | null; beat: number } | null = null;
  /** Names of every track seen, so that messages about a deleted track can say which one. */
  private readonly trackNames = new Map<string, string>();

  constructor(readonly projectId: string, readonly identity: Identity, sessionId: string) {
    this.session = new EditingSession(projectId, identity.userId, sessionId);
    this.session.restorePending(loadPending(projectId));
    this.connection = new StudioConnection(
      {
        projectId,
        userId: identity.userId,
        displayName: identity.displayName,
        // A first join asks for the whole state; a rejoin only for what this tab missed.
        versionVector: () => (this.synced ? this.session.confirmedVector : null),
      },
      {
        joined: (p) => useStudio.setState({ me: p.user, participants: p.participants }),
        userJoined: (p) => useStudio.setState((s) => ({ participants: [...s.participants.filter((q) => q.connection_id !== p.connection_id), p] })),
        userLeft: (p) =>
          useStudio.setState((s) => {
            const cursors = { ...s.cursors };
            const selections = { ...s.selections };
            delete cursors[p.connection_id];
            delete selections[p.connection_id];
            return { participants: s.participants.filter((q) => q.connection_id !== p.connection_id), cursors, selections };
          }),
        stateSync: (sync) => {
          performance.mark('zordic:state-sync');
          if (sync.replica) this.session.loadSnapshot(sync.replica);
          else if (sync.ops) this.session.receive(sync.ops.map((o) => o.op));
          this.synced = true;
          this.publish();
          performance.mark('zordic:state-applied');
        },
        applied: (ops) => {
          this.session.receive(ops.map((o) => o.op));
          this.publish();
        },
        rejected: (r) => {
          const refused = r.op_id ? this.session.reject(r.op_id) : null;
          if (r.code === 'unknown_project') useStudio.setState({ status: 'missing' });
          const message = r.message.replace(/track '([^']+)'/g, (whole, id: string) => (this.trackNames.has(id) ? `track “${this.trackNames.get(id)}”` : whole));
          notify(r.code === 'nothing_to_undo' || r.code === 'nothing_to_redo' ? 'info' : 'error', explain(r.code, message));
          if (refused) this.publish();
        },
        cursor: (c) =>
          useStudio.setState((s) => {
            const cursors = { ...s.cursors };
            if (c.track === null || c.beat === null) delete cursors[c.connection_id];
            else cursors[c.connection_id] = { connectionId: c.connection_id, userId: c.user_id, name: c.display_name, color: c.color, trackId: c.track, beat: c.beat } satisfies RemoteCursor;
            return { cursors };
          }),
        selection: (sel) =>
          useStudio.setState((s) => {
            const selections = { ...s.selections };
            if (sel.track === null || sel.ids.length === 0) delete selections[sel.connection_id];
            else selections[sel.connection_id] = { connectionId: sel.connection_id, name: sel.display_name, color: sel.color, trackId: sel.track, ids: sel.ids };
            return { selections };
          }),
        playback: (p) => useStudio.setState((s) => ({ playingElsewhere: { ...s.playingElsewhere, [p.connection_id]: p.playing } })),
        status: (status) => {
          useStudio.setState({ status });
          if (status === 'reconnecting') notify('info', 'Connection lost — reconnecting. Your edits are kept and will be sent.', 4000);
        },
        ready: () => {
          // Resend, unchanged, whatever is still unacknowledged; ones the server already has come back as duplicates.
          void this.connection.execute(this.session.pendingOps);
        },
      },
    );
  }

  start(): void {
    performance.mark('zordic:connect');
    useStudio.setState({ projectId: this.projectId, status: 'connecting' });
    void this.connection.start();
  }

  async stop(): Promise<void> {
    this.engine?.stop();
    await this.connection.stop();
  }

  attachEngine(engine: AudioEngine): void {
    this.engine = engine;
    const { loop, metronome } = useStudio.getState();
    engine.setLoop(loop);
    engine.setMetronome(metronome);
    if (this.synced) engine.setDocument(this.session.view);
    this.engineArrived(engine);
  }

  get audio(): AudioEngine | null {
    return this.engine;
  }

  /** One user action: applied at once, sent as one batch (so undo takes it back whole). */
  edit(edits: readonly Edit[]): CollaborativeOperation[] {
    if (edits.length === 0) return [];
    const { ops, rejection } = this.session.author(edits);
    if (rejection) {
      notify('error', `That edit can't be made: ${rejection.message}`);
      return [];
    }
    this.publish();
    void this.connection.execute(ops);
    return ops;
  }

  newId(): string {
    return uuidv7();
  }

  undo(): void {
    void this.connection.undo().then((r) => {
      if (!r.ok && r.code === 'offline') notify('info', 'Undo needs the connection; try again when it is back.');
    });
  }

  redo(): void {
    void this.connection.redo().then((r) => {
      if (!r.ok && r.code === 'offline') notify('info', 'Redo needs the connection; try again when it is back.');
    });
  }

  /** Where my pointer is, in beats from the song's start; sent at most every 50 ms. */
  moveCursor(track: string | null, beat: number): void {
    this.lastCursor = { track, beat: Math.max(0, beat) };
    if (this.cursorTimer) return;
    this.cursorTimer = setTimeout(() => {
      this.cursorTimer = null;
      if (this.lastCursor) this.connection.cursor(this.lastCursor.track, this.lastCursor.beat);
    }, 50);
  }

  /** Play from the top, or stop; tells the others in the session (audio:play / audio:stop). */
  async togglePlay(): Promise<void> {
    const engine = await this.whenAudio;
    const doc = this.session.view;
    if (engine.playing) {
      const position = engine.positionSeconds();
      engine.stop();
      useStudio.setState({ playing: false });
      this.announcePlayback(false, position, doc.bpm);
      return;
    }
    await engine.play(() => useStudio.setState({ playing: false }));
    useStudio.setState({ playing: true });
    this.announcePlayback(true, 0, doc.bpm);
  }

  async stopPlayback(): Promise<void> {
    if (this.engine?.playing) await this.togglePlay();
  }

  setLoop(loop: boolean): void {
    useStudio.setState({ loop });
    this.engine?.setLoop(loop);
  }

  setMetronome(on: boolean): void {
    useStudio.setState({ metronome: on });
    this.engine?.setMetronome(on);
  }

  /** My selected notes, for the others to see (awareness:selection). */
  select(track: string | null, ids: readonly string[]): void {
    this.connection.selection(track, ids.slice(0, 1000));
  }

  announcePlayback(playing: boolean, position: number, bpm: number): void {
    this.connection.playback(playing, position, bpm);
  }

  /** Debug and test hook: drop the connection as a network failure would. */
  dropConnection(): void {
    this.connection.dropForTest();
  }

  private publish(): void {
    const view = this.session.view;
    for (const t of view.tracks) this.trackNames.set(t.id, t.name);
    const pending = this.session.pendingOps;
    savePending(this.projectId, pending);
    useStudio.setState((s) => ({
      document: view,
      pending: pending.length,
      selectedTrackId: s.selectedTrackId && view.tracks.some((t) => t.id === s.selectedTrackId) ? s.selectedTrackId : (view.tracks.find((t) => t.kind !== 'drums')?.id ?? null),
    }));
    this.engine?.setDocument(view);
  }
}

function loadPending(projectId: string): CollaborativeOperation[] {
  try {
    return JSON.parse(sessionStorage.getItem(PENDING_KEY(projectId)) ?? '[]') as CollaborativeOperation[];
  } catch {
    return [];
  }
}

function savePending(projectId: string, ops: readonly CollaborativeOperation[]): void {
  try {
    if (ops.length === 0) sessionStorage.removeItem(PENDING_KEY(projectId));
    else sessionStorage.setItem(PENDING_KEY(projectId), JSON.stringify(ops));
  } catch {
    // storage full or disabled: pending ops still live in memory
  }
}

export type { Participant };
