import { create } from 'zustand';
import type { ProjectDocument } from '../document/projectDocument';
import type { LinkStatus, Participant } from '../hub/payloads';
import type { StepsPerBar } from '../music/stepGrid';
import type { Toast } from '../ui/Toasts';
import type { AuditionTarget } from '../suggestions/audition';
import type { Suggestion, SuggestionKind } from '../suggestions/suggestion';

/** Someone else's pointer on a track: which track, where in beats, who. */
export interface RemoteCursor {
  readonly connectionId: string;
  readonly userId: string;
  readonly name: string;
  readonly color: string;
  readonly trackId: string;
  readonly beat: number;
}

/** What someone else has selected (notes), shown outlined in their colour. */
export interface RemoteSelection {
  readonly connectionId: string;
  readonly name: string;
  readonly color: string;
  readonly trackId: string;
  readonly ids: readonly string[];
}

/** A message shown for a few seconds (ui/Toasts.tsx draws them). */
export type Notice = Toast;

/**
 * A request on its way to the agents, until its answers are in (or it is given up on): a prompt
 * (agent:compose: a beat, chords and a melody) or a track to harmonize (agent:harmonize: chords).
 */
export interface Composing {
  readonly prompt: string;
  /** Known once agent:compose or agent:harmonize answers (its suggestions may arrive before that). */
  readonly requestId: string | null;
  readonly since: number;
  /** The kinds of suggestion that complete it. */
  readonly expects: readonly SuggestionKind[];
}

export type { AuditionTarget };

export interface StudioState {
  readonly projectId: string | null;
  readonly document: ProjectDocument | null;
  readonly status: LinkStatus | 'loading' | 'missing';
  readonly me: Participant | null;
  readonly participants: readonly Participant[];
  readonly cursors: Readonly<Record<string, RemoteCursor>>;
  readonly selections: Readonly<Record<string, RemoteSelection>>;
  /** Who is playing, by connection id (from audio:playback_sync). */
  readonly playingElsewhere: Readonly<Record<string, boolean>>;
  readonly notices: readonly Notice[];
  readonly selectedTrackId: string | null;
  readonly stepsPerBar: Readonly<Record<string, StepsPerBar>>;
  readonly playing: boolean;
  readonly loop: boolean;
  readonly metronome: boolean;
  readonly audioReady: boolean;
  readonly pending: number;
  /** The agents' open suggestions in this session, in order of arrival. */
  readonly suggestions: readonly Suggestion[];
  readonly composing: Composing | null;
  /** Why the last prompt was refused (invalid_prompt's message), shown under the prompt box. */
  readonly composeError: string | null;
  readonly audition: AuditionTarget | null;
  /** Audition the suggestions without the project's tracks. */
  readonly auditionAlone: boolean;
  /** What the engine plays when it is not the document (an audition); views that follow the playhead draw this. */
  readonly playingDocument: ProjectDocument | null;
  readonly agentsOpen: boolean;
  /** The song is being rendered to a WAV file. */
  readonly rendering: boolean;
}

export const initialStudioState: StudioState = {
  projectId: null,
  document: null,
  status: 'loading',
  me: null,
  participants: [],
  cursors: {},
  selections: {},
  playingElsewhere: {},
  notices: [],
  selectedTrackId: null,
  stepsPerBar: {},
  playing: false,
  loop: true,
  metronome: false,
  audioReady: false,
  pending: 0,
  suggestions: [],
  composing: null,
  composeError: null,
  audition: null,
  auditionAlone: false,
  playingDocument: null,
  agentsOpen: true,
  rendering: false,
};

/** The studio page's state: the document being edited and everything around it. */
export const useStudio = create<StudioState>(() => initialStudioState);

/** The store once the document changed: the selected track stays while it exists, else the first melodic one is. */
export function withDocument(s: Pick<StudioState, 'selectedTrackId'>, view: ProjectDocument, pending: number): Pick<StudioState, 'document' | 'pending' | 'selectedTrackId'> {
  const selected = s.selectedTrackId && view.tracks.some((t) => t.id === s.selectedTrackId) ? s.selectedTrackId : (view.tracks.find((t) => t.kind !== 'drums')?.id ?? null);
  return { document: view, pending, selectedTrackId: selected };
}

let nextNotice = 1;

/** Shows a message for a few seconds (a refused edit, a conflict in undo, a dropped connection). */
export function notify(kind: Notice['kind'], text: string, ms = 5000): void {
  const id = nextNotice++;
  useStudio.setState((s) => ({ notices: [...s.notices.slice(-3), { id, kind, text }] }));
  setTimeout(() => useStudio.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) })), ms);
}
