import { EditingSession } from '../collab/EditingSession';
import type { Edit } from '../collab/operations/edit';
import type { CollaborativeOperation } from '../collab/operations/operation';
import { StudioConnection } from '../hub/StudioConnection';
import type { Participant } from '../hub/payloads';
import type { Identity } from '../collab/identity';
import { uuidv7 } from '../collab/uuidv7';
import type { AudioEngine } from '../audio/AudioEngine';
import type { ProjectDocument } from '../document/projectDocument';
import { arrivedSuggestions } from '../suggestions/arrival';
import { auditioned, auditionDocument, type AuditionTarget } from '../suggestions/audition';
import { KIND_ORDER, type Suggestion, type SuggestionKind } from '../suggestions/suggestion';
import { notify, useStudio, type RemoteCursor } from './store';

const PENDING_KEY = (projectId: string) => `zordic.pending.${projectId}`;

/** How long a prompt may wait for its three answers before the studio stops showing it as busy. */
const COMPOSE_PATIENCE_MS = 12_000;

/** The presets of the agents' parts: drums, bass, chords (keys) and melody (lead). */
const AUDITION_PRESETS = ['drum-kit', 'bass', 'keys', 'lead'] as const;

const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

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
  /** Display names of everyone seen in the session, so a card can say who asked after they left. */
  private readonly userNames = new Map<string, string>();
  /** Per open suggestion, the tracks the project had when it arrived (see arrivedSuggestions). */
  private readonly tracksBefore = new Map<string, ReadonlySet<string>>();
  /** Suggestions kept, discarded or gone: never shown again, even if the server repeated one. */
  private readonly answered = new Set<string>();
  /** Requests of mine whose audition started by itself when their first answer came. */
  private readonly autoAuditioned = new Set<string>();
  /** True when the transport was started by an audition (so ending the audition stops it again). */
  private auditionStarted = false;

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
        joined: (p) => {
          for (const q of p.participants) this.userNames.set(q.user_id, q.display_name);
          useStudio.setState({ me: p.user, participants: p.participants });
        },
        userJoined: (p) => {
          this.userNames.set(p.user_id, p.display_name);
          useStudio.setState((s) => ({ participants: [...s.participants.filter((q) => q.connection_id !== p.connection_id), p] }));
        },
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
        suggestion: (s) => this.receiveSuggestion(s),
        answered: (a) => {
          if (useStudio.getState().suggestions.some((s) => s.suggestion_id === a.suggestion_id)) this.dropSuggestions([a.suggestion_id], a.answer === 'accepted');
        },
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
    if (this.synced) this.refreshEngine();
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
      // Stopping the transport ends an audition too: the next Play is the song again.
      if (useStudio.getState().audition) this.endAudition(false);
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

  /**
   * Renders the song once through to a WAV file (offline, faster than real time, as it plays here: the
   * same instruments, mixer and swing) and hands it to the browser to save.
   */
  async exportAudio(): Promise<void> {
    if (useStudio.getState().rendering) return;
    const doc = this.session.view;
    useStudio.setState({ rendering: true });
    try {
      const [{ renderSong }, { encodeWav }] = await Promise.all([import('../audio/renderSong'), import('../audio/wav')]);
      const wav = encodeWav(await renderSong(doc));
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([wav], { type: 'audio/wav' }));
      link.download = `${doc.name.replace(/[\\/:*?"<>|]+/g, '-').trim() || 'song'}.wav`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    } catch (e) {
      notify('error', `The song could not be rendered: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      useStudio.setState({ rendering: false });
    }
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

  // ------------------------------------------------------------------ the agents

  /** Who asked, as a card says it. */
  nameOf(userId: string): string {
    if (userId === this.identity.userId) return 'You';
    if (userId === 'api') return 'The API';
    return this.userNames.get(userId) ?? 'Someone';
  }

  /**
   * Sends a prompt to the agents (agent:compose). Busy until the request's beat, chords and melody are
   * all in; a refused prompt leaves its message (what to write instead) under the prompt box.
   */
  async compose(prompt: string): Promise<void> {
    const text = prompt.trim();
    if (useStudio.getState().composing) return;
    if (!text) {
      useStudio.setState({ composeError: 'Describe what you want to hear: a genre, a tempo, a key or a mood — e.g. “boom bap 90”.' });
      return;
    }
    const since = performance.now();
    performance.mark('zordic:compose-sent');
    useStudio.setState({ composing: { prompt: text, requestId: null, since, expects: KIND_ORDER }, composeError: null });
    const result = await this.connection.compose(text);
    performance.mark('zordic:compose-answered');
    if (!result.ok) {
      useStudio.setState({
        composing: null,
        composeError:
          result.code === 'invalid_prompt'
            ? sentence(result.message ?? 'the agents could not read that prompt')
            : result.code === 'offline'
              ? 'The agents need the connection; try again when it is back.'
              : `The agents could not answer: ${result.message ?? result.code}`,
      });
      return;
    }
    this.awaitAnswers(since, result.request_id ?? null);
  }

  /**
   * Asks the harmony agent for chords and a bass line to a melodic track (agent:harmonize); they arrive
   * as a suggestion like a prompt's, in the agents' panel (opened for it). A track the agent can't
   * harmonize (drums, no notes) is said in a notice.
   */
  async harmonize(trackId: string): Promise<void> {
    if (useStudio.getState().composing) return;
    const name = this.session.view.tracks.find((t) => t.id === trackId)?.name ?? 'the track';
    const since = performance.now();
    useStudio.setState({ composing: { prompt: `Chords for ${name}`, requestId: null, since, expects: ['harmony'] }, composeError: null, agentsOpen: true });
    const result = await this.connection.harmonize(trackId);
    if (!result.ok) {
      useStudio.setState({ composing: null });
      if (result.code === 'offline') notify('info', 'Harmonizing needs the connection; try again when it is back.');
      else notify('error', sentence(result.message ?? `the harmony agent could not answer (${result.code})`));
      return;
    }
    this.awaitAnswers(since, result.request_id ?? null);
  }

  /** The request started at `since` is accepted as `requestId`: busy until its answers are in, or for a while. */
  private awaitAnswers(since: number, requestId: string | null): void {
    useStudio.setState((s) => {
      if (!s.composing || s.composing.since !== since) return {};
      if (requestId && this.complete(s.suggestions, requestId, s.composing.expects)) return { composing: null };
      return { composing: { ...s.composing, requestId: s.composing.requestId ?? requestId } };
    });
    setTimeout(() => {
      if (useStudio.getState().composing?.since !== since) return;
      useStudio.setState({ composing: null });
      notify('info', 'The agents are taking longer than usual; what they send will still appear here.');
    }, COMPOSE_PATIENCE_MS);
  }

  /** Keeps (agent:accept: the tracks join the project, undoable) or discards (agent:reject) a suggestion. */
  async answer(suggestion: Suggestion, keep: boolean): Promise<void> {
    const result = await this.connection.answer(suggestion.suggestion_id, keep);
    if (result.ok) {
      this.dropSuggestions([suggestion.suggestion_id], keep);
      return;
    }
    switch (result.code) {
      case 'unknown_suggestion':
        // Someone else answered it first (or it expired): it is gone for everyone, so here too.
        this.dropSuggestions([suggestion.suggestion_id], false);
        notify('info', keep ? 'Someone in the session already kept or discarded that suggestion.' : 'That suggestion was already answered.');
        return;
      case 'offline':
        notify('info', 'Keeping or discarding a suggestion needs the connection; try again when it is back.');
        return;
      default:
        this.dropSuggestions([suggestion.suggestion_id], keep);
        notify('error', keep ? `Only part of the suggestion could be added (${result.rejected ?? '?'} edits refused).` : `Could not discard it: ${result.message ?? result.code}`);
    }
  }

  /**
   * Plays suggestions through the engine on the transport without adding them to the project: the
   * engine gets the audition document (the project plus the suggestions, looping over their bars);
   * the project is untouched. Starts the transport when it is stopped; null ends the audition.
   */
  async audition(target: AuditionTarget | null): Promise<void> {
    if (!target) {
      this.endAudition(true);
      return;
    }
    useStudio.setState({ audition: target });
    this.refreshEngine();
    const engine = await this.whenAudio;
    if (useStudio.getState().audition !== target) return;
    engine.setLoop(true);
    if (!engine.playing) {
      this.auditionStarted = true;
      await engine.play(() => useStudio.setState({ playing: false }));
      useStudio.setState({ playing: true });
      this.announcePlayback(true, 0, useStudio.getState().playingDocument?.bpm ?? this.session.view.bpm);
    }
  }

  /**
   * Gets the instruments an audition needs ready while nothing happens (a drum kit takes a good part of
   * a blink to build): called when someone reaches for the prompt and when suggestions arrive.
   */
  prepareAudition(): void {
    if (this.engine) this.engine.prepare(AUDITION_PRESETS);
    else void this.whenAudio.then((engine) => engine.prepare(AUDITION_PRESETS));
  }

  setAuditionAlone(alone: boolean): void {
    useStudio.setState({ auditionAlone: alone });
    this.refreshEngine();
  }

  /** Ends an audition; `stopTransport` stops the transport too when the audition started it. */
  private endAudition(stopTransport: boolean): void {
    if (!useStudio.getState().audition) return;
    useStudio.setState({ audition: null });
    this.refreshEngine();
    this.engine?.setLoop(useStudio.getState().loop);
    if (stopTransport && this.auditionStarted && this.engine?.playing) {
      const position = this.engine.positionSeconds();
      this.engine.stop();
      useStudio.setState({ playing: false });
      this.announcePlayback(false, position, this.session.view.bpm);
    }
    this.auditionStarted = false;
  }

  private complete(suggestions: readonly Suggestion[], requestId: string, expects: readonly SuggestionKind[]): boolean {
    const kinds = new Set(suggestions.filter((s) => s.request_id === requestId).map((s) => s.kind));
    return expects.every((k) => kinds.has(k));
  }

  private receiveSuggestion(s: Suggestion): void {
    if (s.project_id !== this.projectId || this.answered.has(s.suggestion_id)) return;
    const state = useStudio.getState();
    if (state.suggestions.some((x) => x.suggestion_id === s.suggestion_id)) return;
    this.tracksBefore.set(s.suggestion_id, new Set(this.session.view.tracks.map((t) => t.id)));
    const suggestions = [...state.suggestions, s];
    let composing = state.composing;
    // Mine: asked from this tab (its suggestions may come before agent:compose's answer names the request).
    const mine = composing !== null && s.requested_by === this.identity.userId && (composing.requestId ?? s.request_id) === s.request_id;
    if (mine && composing) {
      composing = this.complete(suggestions, s.request_id, composing.expects) ? null : { ...composing, requestId: s.request_id };
      performance.mark(`zordic:suggestion-${s.kind}`);
    }
    useStudio.setState({ suggestions, composing });
    if (!mine) this.prepareAudition();
    // Whoever asked hears the answer at once: the request is auditioned from its first part on, and
    // the others join it as they come.
    if (mine && !this.autoAuditioned.has(s.request_id)) {
      this.autoAuditioned.add(s.request_id);
      void this.audition({ requestId: s.request_id, only: null });
    } else {
      this.refreshEngine();
    }
  }

  /** Takes suggestions off the board; `kept` keeps the transport going when they were the audition (the project now has them). */
  private dropSuggestions(ids: readonly string[], kept: boolean): void {
    const gone = new Set(ids);
    for (const id of ids) {
      this.answered.add(id);
      this.tracksBefore.delete(id);
    }
    useStudio.setState((s) => ({ suggestions: s.suggestions.filter((x) => !gone.has(x.suggestion_id)) }));
    const { audition, suggestions } = useStudio.getState();
    if (audition && auditioned(suggestions, audition).length === 0) this.endAudition(!kept);
    else this.refreshEngine();
  }

  /** Hands the engine what it should play: the document, or the audition document while auditioning. */
  private refreshEngine(): void {
    const view = this.session.view;
    const { audition, suggestions, auditionAlone } = useStudio.getState();
    const heard = auditioned(suggestions, audition);
    const playing: ProjectDocument | null = heard.length > 0 ? auditionDocument(view, heard, { alone: auditionAlone }) : null;
    if (useStudio.getState().playingDocument !== playing) useStudio.setState({ playingDocument: playing });
    this.engine?.setDocument(playing ?? view);
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
    // A suggestion whose tracks arrived was kept (by anyone in the session): its card goes.
    const arrived = arrivedSuggestions(view, useStudio.getState().suggestions, this.tracksBefore);
    if (arrived.length > 0) this.dropSuggestions(arrived, true);
    else this.refreshEngine();
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
