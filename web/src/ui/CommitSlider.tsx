import { useEffect, useState, type CSSProperties } from 'react';

/**
 * A range input that follows remote changes, shows its value while dragged, and writes once when
 * let go: one drag is one edit (and one undo step), not a hundred.
 */
export function CommitSlider(props: {
  value: number;
  min: number;
  max: number;
  step: number;
  label: string;
  onCommit: (value: number) => void;
  onPreview?: (value: number) => void;
  className?: string;
  style?: CSSProperties;
  testId?: string;
}) {
  const [draft, setDraft] = useState<number | null>(null);
  useEffect(() => setDraft(null), [props.value]);
  const commit = () => {
    if (draft !== null && draft !== props.value) props.onCommit(draft);
    else setDraft(null);
  };
  return (
    <input
      type="range"
      className={props.className}
      style={props.style}
      aria-label={props.label}
      data-testid={props.testId}
      min={props.min}
      max={props.max}
      step={props.step}
      value={draft ?? props.value}
      onChange={(e) => {
        const v = Number(e.target.value);
        setDraft(v);
        props.onPreview?.(v);
      }}
      onPointerUp={commit}
      onKeyUp={commit}
      onBlur={commit}
      onDoubleClick={() => props.onCommit(props.min <= 0 && props.max >= 0 ? 0 : props.min)}
    />
  );
}
