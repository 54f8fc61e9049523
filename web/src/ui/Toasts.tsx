/** A message that comes and goes: a refused edit, an undo conflict, a connection change. */
export interface Toast {
  readonly id: number;
  readonly kind: 'error' | 'info';
  readonly text: string;
}

export function Toasts({ toasts }: { toasts: readonly Toast[] }) {
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((n) => (
        <div key={n.id} className={`toast ${n.kind}`} data-testid="notice">
          {n.text}
        </div>
      ))}
    </div>
  );
}
