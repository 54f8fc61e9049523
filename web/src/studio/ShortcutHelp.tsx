import { useEffect, useState } from 'react';
import { SHORTCUTS } from './shortcuts';

export function ShortcutHelp() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const show = () => setOpen((o) => !o);
    const close = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('zordic:help', show);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('zordic:help', show);
      window.removeEventListener('keydown', close);
    };
  }, []);
  return (
    <>
      <button className="btn icon" title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" onClick={() => setOpen(true)}>
        ?
      </button>
      {open && (
        <div className="help" onClick={() => setOpen(false)}>
          <div className="help-card" onClick={(e) => e.stopPropagation()}>
            <h3 style={{ marginTop: 0 }}>Keyboard shortcuts</h3>
            <table>
              <tbody>
                {SHORTCUTS.map(([keys, what]) => (
                  <tr key={keys}>
                    <td><span className="kbd">{keys}</span></td>
                    <td>{what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </>
  );
}
