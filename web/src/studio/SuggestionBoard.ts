import type { ProjectDocument } from '../document/projectDocument';
import type { StudioConnection } from '../hub/StudioConnection';
import { arrivedSuggestions } from '../suggestions/arrival';
import { auditioned, auditionDocument, type AuditionTarget } from '../suggestions/audition';
import { KIND_ORDER, type Suggestion } from '../suggestions/suggestion';
import { sentence } from './messages';
import { notify, useStudio } from './store';
import { composeError, EMPTY_PROMPT, requestAccepted, suggestionArrived, withoutSuggestions } from './suggestionState';
import type { Transport } from './Transport';

/** How long a prompt may wait for its three answers before the studio stops showing it as busy. */
const COMPOSE_PATIENCE_MS = 12_000;

/** The presets of the agents' parts: drums, bass, chords (keys) and melody (lead). */
const AUDITION_PRESETS = ['drum-kit', 'bass', 'keys', 'lead'] as const;

/**
 * The agents in one studio tab: asking them (a prompt, a track to harmonize), the open suggestions
 * everyone in the session sees as cards, auditioning them through the engine without touching the
 * project, and keeping or discarding them. It also decides what the engine plays: the document, or
 * the audition document while auditioning.
 */
export class SuggestionBoard {
  /** Per open suggestion, the tracks the project had when it arrived (see arrivedSuggestions). */
  private readonly tracksBefore = new Map<string, ReadonlySet<string>>();
  /** Suggestions kept, discarded or gone: never shown again, even if the server repeated one. */
  private readonly answered = new Set<string>();
  /** Requests of mine whose audition started by itself when their first answer came. */
  private readonly autoAuditioned = new Set<string>();

  constructor(
    private readonly projectId: string,
    private readonly myUserId: string,
    private readonly hub: Pick<StudioConnection, 'compose' | 'harmonize' | 'answer'>,
    private readonly transport: Transport,
    private readonly view: () => ProjectDocument,
  ) {}

  /**
   * Sends a prompt to the agents (agent:compose). Busy until the request's beat, chords and melody are
   * all in; a refused prompt leaves its message (what to write instead) under the prompt box.
   */
  async compose(prompt: string): Promise<void> {
    const text = prompt.trim();
    if (useStudio.getState().composing) return;
    if (!text) {
      useStudio.setState({ composeError: EMPTY_PROMPT });
      return;
    }
    const since = performance.now();
    performance.mark('zordic:compose-sent');
    useStudio.setState({ composing: { prompt: text, requestId: null, since, expects: KIND_ORDER }, composeError: null });
    const result = await this.hub.compose(text);
    performance.mark('zordic:compose-answered');
    if (!result.ok) {
      useStudio.setState({ composing: null, composeError: composeError(result) });
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
    const name = this.view().tracks.find((t) => t.id === trackId)?.name ?? 'the track';
    const since = performance.now();
    useStudio.setState({ composing: { prompt: `Chords for ${name}`, requestId: null, since, expects: ['harmony'] }, composeError: null, agentsOpen: true });
    const result = await this.hub.harmonize(trackId);
    if (!result.ok) {
      useStudio.setState({ composing: null });
      if (result.code === 'offline') notify('info', 'Harmonizing needs the connection; try again when it is back.');
      else notify('error', sentence(result.message ?? `the harmony agent could not answer (${result.code})`));
      return;
    }
    this.awaitAnswers(since, result.request_id ?? null);
  }

  /** Keeps (agent:accept: the tracks join the project, undoable) or discards (agent:reject) a suggestion. */
  async answer(suggestion: Suggestion, keep: boolean): Promise<void> {
    const result = await this.hub.answer(suggestion.suggestion_id, keep);
    if (result.ok) {
      this.drop([suggestion.suggestion_id], keep);
      return;
    }
    switch (result.code) {
      case 'unknown_suggestion':
        // Someone else answered it first (or it expired): it is gone for everyone, so here too.
        this.drop([suggestion.suggestion_id], false);
        notify('info', keep ? 'Someone in the session already kept or discarded that suggestion.' : 'That suggestion was already answered.');
        return;
      case 'offline':
        notify('info', 'Keeping or discarding a suggestion needs the connection; try again when it is back.');
        return;
      default:
        this.drop([suggestion.suggestion_id], keep);
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
    const engine = await this.transport.whenAudio;
    if (useStudio.getState().audition !== target) return;
    await this.transport.startAudition(engine, () => useStudio.getState().playingDocument?.bpm ?? this.view().bpm);
  }

  /**
   * Gets the instruments an audition needs ready while nothing happens (a drum kit takes a good part of
   * a blink to build): called when someone reaches for the prompt and when suggestions arrive.
   */
  prepareAudition(): void {
    const engine = this.transport.engine;
    if (engine) engine.prepare(AUDITION_PRESETS);
    else void this.transport.whenAudio.then((e) => e.prepare(AUDITION_PRESETS));
  }

  setAuditionAlone(alone: boolean): void {
    useStudio.setState({ auditionAlone: alone });
    this.refreshEngine();
  }

  /** Ends an audition; `stopTransport` stops the transport too when the audition started it. */
  endAudition(stopTransport: boolean): void {
    if (!useStudio.getState().audition) return;
    useStudio.setState({ audition: null });
    this.refreshEngine();
    this.transport.endAudition(stopTransport);
  }

  /** A suggestion from the hub (agent:suggestion): a new card; whoever asked hears it at once. */
  receive(s: Suggestion): void {
    if (s.project_id !== this.projectId || this.answered.has(s.suggestion_id)) return;
    const arrived = suggestionArrived(useStudio.getState(), s, this.myUserId);
    if (!arrived) return;
    this.tracksBefore.set(s.suggestion_id, new Set(this.view().tracks.map((t) => t.id)));
    if (arrived.mine) performance.mark(`zordic:suggestion-${s.kind}`);
    useStudio.setState(arrived.change);
    if (!arrived.mine) this.prepareAudition();
    // Whoever asked hears the answer at once: the request is auditioned from its first part on, and
    // the others join it as they come.
    if (arrived.mine && !this.autoAuditioned.has(s.request_id)) {
      this.autoAuditioned.add(s.request_id);
      void this.audition({ requestId: s.request_id, only: null });
    } else {
      this.refreshEngine();
    }
  }

  /** Someone kept or discarded a suggestion (agent:answered): its card goes. */
  answeredElsewhere(a: { suggestion_id: string; answer?: string }): void {
    if (useStudio.getState().suggestions.some((s) => s.suggestion_id === a.suggestion_id)) this.drop([a.suggestion_id], a.answer === 'accepted');
  }

  /** After the document changed: a suggestion whose tracks arrived was kept (by anyone in the session), and its card goes. */
  documentChanged(view: ProjectDocument): void {
    const arrived = arrivedSuggestions(view, useStudio.getState().suggestions, this.tracksBefore);
    if (arrived.length > 0) this.drop(arrived, true);
    else this.refreshEngine();
  }

  /** Hands the engine what it should play: the document, or the audition document while auditioning. */
  refreshEngine(): void {
    const view = this.view();
    const { audition, suggestions, auditionAlone } = useStudio.getState();
    const heard = auditioned(suggestions, audition);
    const playing: ProjectDocument | null = heard.length > 0 ? auditionDocument(view, heard, { alone: auditionAlone }) : null;
    if (useStudio.getState().playingDocument !== playing) useStudio.setState({ playingDocument: playing });
    this.transport.engine?.setDocument(playing ?? view);
  }

  /** The request started at `since` is accepted as `requestId`: busy until its answers are in, or for a while. */
  private awaitAnswers(since: number, requestId: string | null): void {
    useStudio.setState((s) => requestAccepted(s, since, requestId));
    setTimeout(() => {
      if (useStudio.getState().composing?.since !== since) return;
      useStudio.setState({ composing: null });
      notify('info', 'The agents are taking longer than usual; what they send will still appear here.');
    }, COMPOSE_PATIENCE_MS);
  }

  /** Takes suggestions off the board; `kept` keeps the transport going when they were the audition (the project now has them). */
  private drop(ids: readonly string[], kept: boolean): void {
    for (const id of ids) {
      this.answered.add(id);
      this.tracksBefore.delete(id);
    }
    useStudio.setState((s) => withoutSuggestions(s, ids));
    const { audition, suggestions } = useStudio.getState();
    if (audition && auditioned(suggestions, audition).length === 0) this.endAudition(!kept);
    else this.refreshEngine();
  }
}
