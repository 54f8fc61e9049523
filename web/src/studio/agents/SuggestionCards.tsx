import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { noteName } from '../../music/musicalKey';
import { auditioned } from '../../suggestions/audition';
import { chordProgression } from '../../suggestions/previews';
import { KIND_ORDER, type Suggestion, type SuggestionKind } from '../../suggestions/suggestion';
import { useStudioContext } from '../frame';
import { useStudio } from '../store';
import { TRACK_COLORS } from '../trackColors';
import { BeatGridPreview, RollPreviewCanvas } from './SuggestionPreview';

const KIND_COLORS: Record<SuggestionKind, string> = { beat: TRACK_COLORS.drums, harmony: TRACK_COLORS.chords, melody: TRACK_COLORS.lead };

const KIND_TITLES: Record<SuggestionKind, string> = { beat: 'Beat', harmony: 'Chords + bass', melody: 'Melody' };

interface RequestGroup {
  readonly requestId: string;
  readonly first: Suggestion;
  readonly cards: readonly Suggestion[];
}

/**
 * The suggestions everyone in the session has been sent, grouped by the request that asked for them,
 * newest first — each card with a preview, Listen (an audition on the transport), Keep and Discard.
 */
export function SuggestionCards() {
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
  return pitches.length ? `${s.key} · ${notes} notes · ${noteName(Math.min(...pitches))}–${noteName(Math.max(...pitches))}` : s.key;
}

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
