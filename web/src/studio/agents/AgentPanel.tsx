import { useEffect } from 'react';
import { useStudio } from '../store';
import { PromptBox } from './PromptBox';
import { SuggestionCards } from './SuggestionCards';

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
      <SuggestionCards />
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
