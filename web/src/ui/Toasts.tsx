import { useStudio } from '../studio/store';

/** Messages that come and go: refused edits, undo conflicts, connection changes. */
export function Toasts() {
  const notices = useStudio((s) => s.notices);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`toast ${n.kind}`} data-testid="notice">
          {n.text}
        </div>
      ))}
    </div>
  );
}
