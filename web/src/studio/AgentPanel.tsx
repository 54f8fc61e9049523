import { memo, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { auditioned } from '../suggestions/audition';
import { chordProgression } from '../suggestions/previews';
import { KIND_ORDER, type Suggestion, type SuggestionKind } from '../suggestions/suggestion';
import { useStudioContext } from './frame';
import { useStudio } from './store';
import { TRACK_COLORS } from './trackColors';
import { BeatGridPreview, RollPreviewCanvas } from './SuggestionPreview';

/** Prompts that show what the agents understand: genre, tempo, key, mood, "rolling hats". */
export const EXAMPLE_PROMPTS = ['lo-fi beat, 85 bpm, A minor, laid back', 'four on the floor house 124', 'trap 140 with rolling hats', 'boom bap 90', 'drum and bass 174'];

export const KIND_COLORS: Record<SuggestionKind, string> = { beat: TRACK_COLORS.drums, harmony: TRACK_COLORS.chords, melody: TRACK_COLORS.lead };

const KIND_TITLES: Record<SuggestionKind, string> = { beat: 'Beat', harmony: 'Chords + bass', melody: 'Melody' };

const OPEN_KEY = 'zordic.agents';

/**
 * The agents' side of the studio: a prompt box (Enter sends, example prompts as chips), and the
 * suggestions everyone in the session has been sent, grouped by the prompt that asked for them —
 * each card with a preview, Listen (audition on the transport), Keep and Discard.
 */
export function AgentPanel() {
  const open = useStudio((s) => s.agentsOpen);
  const count = useStudio((s) => s.suggestions.length);
  useEffect(() => {
    try {
      if (localStorage.getItem(OPEN_KEY) === 'closed') useStudio.setState({ agentsOpen: false });
    } catch {
      // storage disabled: open by default
    }
  }, []);
  const setOpen = (value: boolean) => {
    useStudio.setState({ agentsOpen: value });
    try {
      localStorage.setItem(OPEN_KEY, value ? 'open' : 'closed');
    } catch {
      // not remembered
    }
  };
  // "/" jumps to the prompt from anywhere (not while typing), opening the panel first.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target;
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || (t instanceof HTMLElement && t.isContentEditable)) return;
      e.preventDefault();
      useStudio.setState({ agentsOpen: true });
      requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[data-testid="agent-prompt"]')?.focus());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!open) {
    return (
      <aside className="agents collapsed" data-testid="agents">
        <button className="agents-rail" onClick={() => setOpen(true)} title="Ask the agents (/)" aria-label="Open the agents panel">
          <Sparkle />
          <span className="agents-rail-label">Agents</span>
          {count > 0 && <span className="agents-badge">{count}</span>}
        </button>
      </aside>
    );
  }
  return (
    <aside className="agents" data-testid="agents">
      <div className="agents-head">
        <Sparkle />
        <span className="agents-title">Agents</span>
        <span className="muted agents-sub">beat · chords · melody</span>
        <button className="btn icon mini agents-close" onClick={() => setOpen(false)} title="Hide the agents" aria-label="Hide the agents panel">
          ›
        </button>
      </div>
      <PromptBox />
      <Suggestions />
    </aside>
  );
}

function Sparkle() {
  return (
    <svg className="sparkle" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M8 1.5l1.6 4.2 4.4 1.3-4.4 1.3L8 12.5 6.4 8.3 2 7l4.4-1.3z" fill="currentColor" />
      <path d="M13 11l.6 1.5 1.4.5-1.4.5L13 15l-.6-1.5L11 13l1.4-.5z" fill="currentColor" opacity="0.7" />
    </svg>
  );
}

function PromptBox() {
  const { controller } = useStudioContext();
  const composing = useStudio((s) => s.composing);
  const error = useStudio((s) => s.composeError);
  const status = useStudio((s) => s.status);
  const [prompt, setPrompt] = useState('');
  const last = useRef('');
  const send = (text: string) => {
    if (composing) return;
    void controller.suggestions.compose(text).then(() => {
      // Sent: the prompt now heads its suggestions, so the box is cleared for the next one (↑ brings it back).
      if (useStudio.getState().composeError === null) {
        last.current = text.trim();
        setPrompt((p) => (p === text ? '' : p));
      }
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send(prompt);
  };
  return (
    <form className="agent-form" onSubmit={submit} onPointerEnter={() => controller.suggestions.prepareAudition()}>
      <div className={`agent-input${error ? ' invalid' : ''}`}>
        <input
          className="input"
          data-testid="agent-prompt"
          placeholder="Ask the agents…"
          aria-label="Prompt for the agents"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'agent-error' : undefined}
          value={prompt}
          maxLength={500}
          onChange={(e) => {
            setPrompt(e.target.value);
            if (error) useStudio.setState({ composeError: null });
          }}
          onFocus={() => controller.suggestions.prepareAudition()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') e.currentTarget.blur();
            else if (e.key === 'ArrowUp' && prompt === '' && last.current) {
              e.preventDefault();
              setPrompt(last.current);
            }
          }}
        />
        <button className="btn primary agent-send" type="submit" data-testid="agent-compose" aria-busy={composing !== null} disabled={composing !== null || status !== 'live'} title="Send (Enter)" aria-label="Send the prompt to the agents">
          {composing ? <span className="spinner" /> : '↵'}
        </button>
      </div>
      {error && (
        <div className="agent-error" id="agent-error" data-testid="agent-error" role="alert">
          {error}
        </div>
      )}
      {composing ? (
        <div className="agent-busy" data-testid="agent-busy" aria-live="polite">
          <span className="spinner small" /> {composing.expects.includes('beat') ? `Composing “${composing.prompt}”…` : `${composing.prompt}…`}
        </div>
      ) : (
        <div className="chips" aria-label="Example prompts">
          {EXAMPLE_PROMPTS.map((p) => (
            <button
              key={p}
              type="button"
              className="chip"
              disabled={status !== 'live'}
              onClick={() => {
                setPrompt(p);
                send(p);
              }}
              title={`Ask for “${p}”`}
            >
              {p}
            </button>
          ))}
        </div>
      )}
    </form>
  );
}

interface RequestGroup {
  readonly requestId: string;
  readonly first: Suggestion;
  readonly cards: readonly Suggestion[];
}

function Suggestions() {
  const suggestions = useStudio((s) => s.suggestions);
  // Newest request first, its cards beat → chords → melody.
  const groups = useMemo(() => {
    const byRequest = new Map<string, Suggestion[]>();
    for (const s of suggestions) byRequest.set(s.request_id, [...(byRequest.get(s.request_id) ?? []), s]);
    const list: RequestGroup[] = [...byRequest.entries()].map(([requestId, cards]) => ({
      requestId,
      first: cards[0]!,
      cards: [...cards].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)),
    }));
    return list.reverse();
  }, [suggestions]);
  if (groups.length === 0) {
    return (
      <div className="agent-empty">
        <p>Describe a groove — a genre, a tempo, a key, a mood.</p>
        <p className="muted">The beat, harmony and melody agents answer in a moment, for everyone here. Listen, then keep what you like: it becomes tracks you can edit and undo.</p>
      </div>
    );
  }
  return (
    <div className="agent-requests" data-testid="suggestions">
      <AuditionMode />
      {groups.map((g) => (
        <RequestCard key={g.requestId} group={g} />
      ))}
    </div>
  );
}

/** With the song's tracks or without them: how every audition plays. */
function AuditionMode() {
  const { controller } = useStudioContext();
  const alone = useStudio((s) => s.auditionAlone);
  return (
    <div className="audition-mode" role="group" aria-label="Audition mode">
      <span className="label">Listen</span>
      <div className="segmented">
        <button type="button" aria-pressed={!alone} onClick={() => controller.suggestions.setAuditionAlone(false)} title="Auditions play with the song’s own tracks, as keeping would sound">
          with the song
        </button>
        <button type="button" aria-pressed={alone} data-testid="audition-alone" onClick={() => controller.suggestions.setAuditionAlone(true)} title="Auditions play on their own, at their own tempo">
          alone
        </button>
      </div>
    </div>
  );
}

function RequestCard({ group }: { group: RequestGroup }) {
  const { controller } = useStudioContext();
  const audition = useStudio((s) => s.audition);
  const all = audition?.requestId === group.requestId && audition.only === null;
  const { first } = group;
  return (
    <section className="request" data-request-id={group.requestId}>
      <header className="request-head">
        <div className="request-prompt" title={first.prompt}>
          “{first.prompt}”
        </div>
        <div className="request-row">
          <div className="request-meta">
            <span>{controller.nameOf(first.requested_by)}</span>
            <span className="mono">{Math.round(first.bpm)} BPM</span>
            <span>{first.key}</span>
          </div>
          <button className="btn mini toggle listen-all" aria-pressed={all} data-testid="audition-all" onClick={() => void controller.suggestions.audition(all ? null : { requestId: group.requestId, only: null })} title="Hear them all together, looping">
            {all ? <StopIcon /> : <PlayIcon />} {all ? 'Stop' : 'Audition all'}
          </button>
        </div>
      </header>
      {group.cards.map((s) => (
        <SuggestionCard key={s.suggestion_id} suggestion={s} sounding={audition !== null && auditioned([s], audition).length > 0} solo={audition?.only === s.suggestion_id} />
      ))}
    </section>
  );
}

const SuggestionCard = memo(function SuggestionCard({ suggestion: s, sounding, solo }: { suggestion: Suggestion; sounding: boolean; solo: boolean }) {
  const { controller } = useStudioContext();
  const [busy, setBusy] = useState<'keep' | 'discard' | null>(null);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  const detail = useMemo(() => describe(s), [s]);
  const answer = async (keep: boolean) => {
    setBusy(keep ? 'keep' : 'discard');
    await controller.suggestions.answer(s, keep);
    if (mounted.current) setBusy(null);
  };
  const kind = s.kind;
  return (
    <article
      className={`suggestion${sounding ? ' sounding' : ''}`}
      data-testid={`suggestion-${kind}`}
      data-suggestion-id={s.suggestion_id}
      style={{ ['--kind-color' as string]: KIND_COLORS[kind] }}
    >
      <div className="suggestion-head">
        <span className="suggestion-dot" />
        <span className="suggestion-title">{KIND_TITLES[kind]}</span>
        <span className="suggestion-detail" title={detail}>
          {detail}
        </span>
      </div>
      {kind === 'beat' ? <BeatGridPreview suggestion={s} sounding={sounding} /> : <RollPreviewCanvas suggestion={s} sounding={sounding} />}
      <div className="suggestion-actions">
        <button
          className="btn mini toggle listen"
          aria-pressed={solo}
          data-testid={`suggestion-audition-${kind}`}
          onClick={() => void controller.suggestions.audition(solo ? null : { requestId: s.request_id, only: s.suggestion_id })}
          title={solo ? 'Stop' : `Hear the ${KIND_TITLES[kind].toLowerCase()} on its own, looping`}
        >
          {solo ? <StopIcon /> : <PlayIcon />} {solo ? 'Stop' : 'Listen'}
        </button>
        <span className="grow" />
        <button className="btn mini discard" data-testid={`suggestion-reject-${kind}`} disabled={busy !== null} onClick={() => void answer(false)} title="Discard (the agents learn from it)">
          Discard
        </button>
        <button className="btn mini keep" data-testid={`suggestion-accept-${kind}`} disabled={busy !== null} onClick={() => void answer(true)} title={kind === 'beat' ? 'Keep: add the drums to the song (sets its tempo and key); Ctrl+Z takes it back' : 'Keep: add to the song (sets its key); Ctrl+Z takes it back'}>
          {busy === 'keep' ? <span className="spinner small" /> : '✓'} Keep
        </button>
      </div>
    </article>
  );
});

/** The line under a card's title: what it is, in a producer's words. */
function describe(s: Suggestion): string {
  const notes = s.sketch.tracks.reduce((n, t) => n + t.notes.length, 0);
  if (s.kind === 'beat') return `${s.bars} bars · ${notes} hits`;
  if (s.kind === 'harmony') {
    const chords = chordProgression(s.sketch);
    return chords.length > 0 ? chords.slice(0, 6).join(' · ') + (chords.length > 6 ? ' …' : '') : `${s.key} · ${notes} notes`;
  }
  const pitches = s.sketch.tracks.flatMap((t) => t.notes.map((n) => n.pitch));
  return pitches.length ? `${s.key} · ${notes} notes · ${noteLabel(Math.min(...pitches))}–${noteLabel(Math.max(...pitches))}` : s.key;
}

const NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
const noteLabel = (pitch: number): string => `${NAMES[pitch % 12]}${Math.floor(pitch / 12) - 1}`;

function PlayIcon() {
  return (
    <svg width="9" height="10" viewBox="0 0 9 10" aria-hidden="true">
      <path d="M1 1v8l7-4z" fill="currentColor" />
    </svg>
  );
}

function StopIcon() {
  return (
    <svg width="9" height="9" viewBox="0 0 9 9" aria-hidden="true">
      <rect x="1" y="1" width="7" height="7" rx="1" fill="currentColor" />
    </svg>
  );
}
