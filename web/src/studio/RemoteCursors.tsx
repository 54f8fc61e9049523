import { useStudio } from './store';
import type { FrameLoop } from './frame';

/**
 * Other people's pointers on one track: a line in their colour with their name, at the beat they
 * point at (the hub's awareness:user_cursor). Positioned by the view, which knows its own geometry.
 */
export function RemoteCursors({ trackId, beatToX }: { trackId: string; beatToX: (beat: number) => number | null; frames?: FrameLoop }) {
  const cursors = useStudio((s) => s.cursors);
  return (
    <>
      {Object.values(cursors)
        .filter((c) => c.trackId === trackId)
        .map((c) => {
          const x = beatToX(c.beat);
          if (x === null) return null;
          return (
            <div key={c.connectionId} className="remote-cursor" data-testid="remote-cursor" data-user={c.userId} style={{ left: x, background: c.color }}>
              <span style={{ background: c.color }}>{c.name}</span>
            </div>
          );
        })}
    </>
  );
}
