import { useStudio } from './store';

const initials = (name: string): string =>
  name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();

/** Who is here: one avatar per connection, in the colour their cursor has, a dot while they play. */
export function Presence() {
  const participants = useStudio((s) => s.participants);
  const me = useStudio((s) => s.me);
  const playing = useStudio((s) => s.playingElsewhere);
  return (
    <div className="presence" data-testid="presence" aria-label={`${participants.length} in this session`}>
      {participants.map((p) => (
        <div
          key={p.connection_id}
          className={`avatar${p.connection_id === me?.connection_id ? ' me' : ''}`}
          style={{ background: p.color }}
          title={`${p.display_name}${p.connection_id === me?.connection_id ? ' (you)' : ''}${playing[p.connection_id] ? ' · playing' : ''}`}
          data-user={p.user_id}
        >
          {initials(p.display_name)}
          {playing[p.connection_id] && <span className="dot" />}
        </div>
      ))}
    </div>
  );
}
