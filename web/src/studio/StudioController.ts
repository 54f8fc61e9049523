import type { AudioEngine } from '../audio/AudioEngine';
import { EditingSession } from '../collab/EditingSession';
import type { Identity } from '../collab/identity';
import type { Edit } from '../collab/operations/edit';
import type { CollaborativeOperation } from '../collab/operations/operation';
import { uuidv7 } from '../collab/uuidv7';
import { StudioConnection } from '../hub/StudioConnection';
import { explain, noticeKindOf, withTrackNames } from './messages';
import { loadPending, savePending } from './pendingOps';
import { askerName, withCursor, withoutParticipant, withParticipant, withPlayback, withSelection } from './presence';
import { notify, useStudio, withDocument } from './store';
import { SuggestionBoard } from './SuggestionBoard';
import { Transport } from './Transport';

/**
 * Runs one open project: the editing session (optimistic replica), the hub connection, the transport,
 * the agents' suggestions, and the store the React views read. Edits go through `edit`; everything that
 * changes the document ends in `publish`, which hands the new view to the store and to the engine.
 */
export class StudioController {
  readonly session: EditingSession;
  readonly transport: Transport;
  readonly suggestions: SuggestionBoard;
  private readonly connection: StudioConnection;
  private synced = false;
  /** The log position of the latest op received from the server, in log order: where a rejoin catches up from. */
  private logPosition = 0;
  private cursorTimer: ReturnType<typeof setTimeout> | null = null;
  private lastCursor: { track: string | null; beat: number } | null = null;
  /** Names of every track seen, so that messages about a deleted track can say which one. */
  private readonly trackNames = new Map<string, string>();
  /** Display names of everyone seen in the session, so a card can say who asked after they left. */
  private readonly userNames = new Map<string, string>();

  constructor(readonly projectId: string, readonly identity: Identity, sessionId: string) {
    this.session = new EditingSession(projectId, identity.userId, sessionId);
    this.session.restorePending(loadPending(projectId));
    this.connection = new StudioConnection(
      {
        projectId,
        userId: identity.userId,
        displayName: identity.displayName,
        sessionId,
        // A first join asks for the whole state; a rejoin only for what this tab missed.
        since: () => (this.synced ? this.logPosition : null),
      },
      {
        joined: (p) => {
          for (const q of p.participants) this.userNames.set(q.user_id, q.display_name);
          useStudio.setState({ me: p.user, participants: p.participants });
        },
        userJoined: (p) => {
          this.userNames.set(p.user_id, p.display_name);
          useStudio.setState((s) => withParticipant(s, p));
        },
        userLeft: (p) => useStudio.setState((s) => withoutParticipant(s, p.connection_id)),
        stateSync: (sync) => {
          performance.mark('zordic:state-sync');
          this.logPosition = sync.seq;
          if (sync.replica) this.session.loadSnapshot(sync.replica);
          else if (sync.ops) this.session.receive(sync.ops.map((o) => o.op));
          this.synced = true;
          this.publish();
          performance.mark('zordic:state-applied');
        },
        applied: (ops) => {
          for (const o of ops) this.logPosition = Math.max(this.logPosition, o.seq);
          this.session.receive(ops.map((o) => o.op));
          this.publish();
        },
        rejected: (r) => {
          const refused = r.op_id ? this.session.reject(r.op_id) : null;
          if (r.code === 'unknown_project') useStudio.setState({ status: 'missing' });
          notify(noticeKindOf(r.code), explain(r.code, withTrackNames(r.message, this.trackNames)));
          if (refused) this.publish();
        },
        cursor: (c) => useStudio.setState((s) => withCursor(s, c)),
        selection: (sel) => useStudio.setState((s) => withSelection(s, sel)),
        playback: (p) => useStudio.setState((s) => withPlayback(s, p)),
        suggestion: (s) => this.suggestions.receive(s),
        answered: (a) => this.suggestions.answeredElsewhere(a),
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
    this.transport = new Transport(
      this.connection,
      () => this.session.view.bpm,
      // Stopping the transport ends an audition too: the next Play is the song again.
      () => this.suggestions.endAudition(false),
    );
    this.suggestions = new SuggestionBoard(projectId, identity.userId, this.connection, this.transport, () => this.session.view);
  }

  start(): void {
    performance.mark('zordic:connect');
    useStudio.setState({ projectId: this.projectId, status: 'connecting' });
    void this.connection.start();
  }

  async stop(): Promise<void> {
    this.transport.close();
    await this.connection.stop();
  }

  attachEngine(engine: AudioEngine): void {
    this.transport.attach(engine);
    if (this.synced) this.suggestions.refreshEngine();
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

  /** My selected notes, for the others to see (awareness:selection). */
  select(track: string | null, ids: readonly string[]): void {
    this.connection.selection(track, ids.slice(0, 1000));
  }

  /** Who asked for a suggestion, as its card says it. */
  nameOf(userId: string): string {
    return askerName(userId, this.identity.userId, this.userNames);
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
    useStudio.setState((s) => withDocument(s, view, pending.length));
    this.suggestions.documentChanged(view);
  }
}
