import { useRef, useState, type FormEvent } from 'react';
import { useStudioContext } from '../frame';
import { useStudio } from '../store';

/** Prompts that show what the agents understand: genre, tempo, key, mood, "rolling hats". */
const EXAMPLE_PROMPTS = ['lo-fi beat, 85 bpm, A minor, laid back', 'four on the floor house 124', 'trap 140 with rolling hats', 'boom bap 90', 'drum and bass 174'];

/**
 * "Ask the agents…": Enter sends (the box clears, ↑ brings the prompt back), example prompts as chips,
 * the request in flight, and what to write instead when a prompt is refused. Reaching for it gets the
 * audition's instruments ready.
 */
export function PromptBox() {
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
