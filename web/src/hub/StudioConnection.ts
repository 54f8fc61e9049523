import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from '@microsoft/signalr';
import type { CollaborativeOperation } from '../collab/operations/operation';
import { isSuggestion, type Suggestion } from '../suggestions/suggestion';
import type { HubResult, LinkStatus, LoggedOperation, Participant, PlaybackSync, StateSync, UserCursor, UserSelection } from './payloads';

export interface StudioEvents {
  joined(payload: { connection_id: string; user: Participant; participants: Participant[] }): void;
  userJoined(p: Participant): void;
  userLeft(p: { connection_id: string; user_id: string; reason: string }): void;
  stateSync(sync: StateSync): void;
  applied(ops: readonly LoggedOperation[]): void;
  rejected(r: { op_id: string; code: string; message: string }): void;
  cursor(c: UserCursor): void;
  selection(s: UserSelection): void;
  playback(p: PlaybackSync): void;
  /** An agent's answer to someone's prompt in this session (agent:suggestion). */
  suggestion(s: Suggestion): void;
  /**
   * Someone kept or discarded a suggestion (agent:answered {suggestion_id, answer, user_id}). Not sent by
   * the server yet (docs/web.md, "What the server could add"); handled so that it works once it is.
   */
  answered(a: { suggestion_id: string; answer?: string; user_id?: string }): void;
  status(status: LinkStatus): void;
  /** After a (re)join has been answered: pending ops may be (re)sent now. */
  ready(): void;
}

export interface JoinRequest {
  readonly projectId: string;
  readonly userId: string;
  readonly displayName: string;
  /** The tab's editing session: the server tells it where its numbering goes on. */
  readonly sessionId: string;
  /** The log position to catch up from (the last op this tab received in log order); null asks for the whole state. */
  since(): number | null;
}

/**
 * The hub connection of one studio tab (SignalR, JSON protocol). It joins, rejoins after every
 * reconnect from the log position it had reached (so the server sends exactly the ops it missed), and
 * then says `ready` so that the caller resends what is still pending. SignalR's automatic reconnect
 * gives up after its schedule; past that this keeps trying every few seconds, because a studio left
 * open over a network blip must come back by itself.
 */
export class StudioConnection {
  private readonly hub: HubConnection;
  private stopped = false;
  private retry: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly join: JoinRequest, private readonly events: StudioEvents, url = '/hubs/studio') {
    this.hub = new HubConnectionBuilder()
      .withUrl(url)
      .withAutomaticReconnect([0, 500, 1000, 2000, 4000, 8000])
      .configureLogging(LogLevel.None)
      .build();
    this.hub.serverTimeoutInMilliseconds = 20_000;
    this.hub.on('session:joined', (p) => events.joined(p));
    this.hub.on('session:user_joined', (p: Participant) => events.userJoined(p));
    this.hub.on('session:user_left', (p) => events.userLeft(p));
    this.hub.on('state:sync', (s: StateSync) => events.stateSync(s));
    this.hub.on('op:applied', (p: { ops: LoggedOperation[] }) => events.applied(p.ops));
    this.hub.on('op:rejected', (r) => events.rejected(r));
    this.hub.on('awareness:user_cursor', (c: UserCursor) => events.cursor(c));
    this.hub.on('awareness:user_selection', (s: UserSelection) => events.selection(s));
    this.hub.on('audio:playback_sync', (p: PlaybackSync) => events.playback(p));
    this.hub.on('agent:suggestion', (s: unknown) => {
      if (isSuggestion(s)) events.suggestion(s);
    });
    this.hub.on('agent:answered', (a: { suggestion_id?: unknown }) => {
      if (typeof a?.suggestion_id === 'string') events.answered({ ...a, suggestion_id: a.suggestion_id });
    });
    this.hub.onreconnecting(() => events.status('reconnecting'));
    this.hub.onreconnected(() => void this.joinSession());
    this.hub.onclose(() => {
      if (this.stopped) return;
      events.status('offline');
      this.scheduleRetry();
    });
  }

  get isLive(): boolean {
    return this.hub.state === HubConnectionState.Connected;
  }

  async start(): Promise<void> {
    this.events.status('connecting');
    try {
      await this.hub.start();
    } catch {
      if (this.stopped) return;
      this.events.status('offline');
      this.scheduleRetry();
      return;
    }
    await this.joinSession();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.hub.stop();
  }

  /** Drops the transport as a network failure would (tests and the "go offline" debug hook). */
  dropForTest(): void {
    const transport = (this.hub as unknown as { connection?: { transport?: { stop(): Promise<void> } } }).connection?.transport;
    void transport?.stop();
  }

  private scheduleRetry(): void {
    if (this.retry || this.stopped) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.start();
    }, 3000);
  }

  private async joinSession(): Promise<void> {
    const since = this.join.since();
    const result = await this.invoke('session:join', {
      project_id: this.join.projectId,
      user_id: this.join.userId,
      display_name: this.join.displayName,
      session_id: this.join.sessionId,
      ...(since === null ? {} : { since }),
    });
    if (!result.ok) {
      this.events.rejected({ op_id: '', code: result.code ?? 'join_failed', message: result.message ?? 'could not join the session' });
      if (result.code !== 'unknown_project') this.scheduleRetry();
      return;
    }
    this.events.status('live');
    this.events.ready();
  }

  private async invoke(method: string, payload: unknown): Promise<HubResult> {
    if (this.hub.state !== HubConnectionState.Connected) return { ok: false, code: 'offline', message: 'not connected' };
    try {
      return await this.hub.invoke<HubResult>(method, payload);
    } catch (e) {
      return { ok: false, code: 'offline', message: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Sends one user action (a batch of ops); refusals arrive as op:rejected events. */
  execute(ops: readonly CollaborativeOperation[]): Promise<HubResult> {
    return ops.length === 0 ? Promise.resolve({ ok: true }) : this.invoke('op:execute', { ops });
  }

  undo(): Promise<HubResult> {
    return this.invoke('op:undo', {});
  }

  redo(): Promise<HubResult> {
    return this.invoke('op:redo', {});
  }

  /** Asks the agents for music; the answers come as agent:suggestion events to everyone in the session. */
  compose(prompt: string, seed?: number): Promise<HubResult> {
    return this.invoke('agent:compose', seed === undefined ? { prompt } : { prompt, seed });
  }

  /** Asks the harmony agent for chords and a bass line to a track's melody (agent:harmonize). */
  harmonize(trackId: string): Promise<HubResult> {
    return this.invoke('agent:harmonize', { track_id: trackId });
  }

  /** Keeps (accept) or discards (reject) a suggestion. */
  answer(suggestionId: string, keep: boolean): Promise<HubResult> {
    return this.invoke(keep ? 'agent:accept' : 'agent:reject', { suggestion_id: suggestionId });
  }

  cursor(track: string | null, beat: number | null): void {
    if (this.isLive) void this.hub.send('awareness:cursor', { track, beat }).catch(() => {});
  }

  selection(track: string | null, ids: readonly string[]): void {
    if (this.isLive) void this.hub.send('awareness:selection', { track, ids }).catch(() => {});
  }

  playback(playing: boolean, position: number, bpm: number): void {
    if (this.isLive) void this.hub.send(playing ? 'audio:play' : 'audio:stop', playing ? { position, bpm } : { position }).catch(() => {});
  }
}
