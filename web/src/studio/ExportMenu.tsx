import { useEffect, useRef } from 'react';
import { midiExportUrl } from '../api/rest';
import { exportAudio } from './exportAudio';
import { useStudioContext } from './frame';
import { useStudio } from './store';

/**
 * The top bar's Export menu: the song as a MIDI file (made by the server) or as WAV audio (rendered here,
 * as it sounds). A disclosure element, so it opens without script; a choice, a click elsewhere or Escape
 * closes it.
 */
export function ExportMenu() {
  const { controller } = useStudioContext();
  const rendering = useStudio((s) => s.rendering);
  const menu = useRef<HTMLDetailsElement>(null);
  const close = () => {
    if (menu.current) menu.current.open = false;
  };
  useEffect(() => {
    const outside = (e: PointerEvent) => {
      if (menu.current?.open && !menu.current.contains(e.target as Node)) close();
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, []);
  return (
    <details className="export-menu" data-testid="export" ref={menu}>
      <summary className="btn" title="Download the song">
        {rendering ? 'Rendering…' : 'Export ▾'}
      </summary>
      <div className="menu">
        <a className="btn" data-testid="export-midi" href={midiExportUrl(controller.projectId)} download onClick={close} title="The notes, tracks and tempo as a Standard MIDI File">
          MIDI file
        </a>
        <button
          className="btn"
          data-testid="export-audio"
          disabled={rendering}
          onClick={() => {
            close();
            void exportAudio(controller.session.view);
          }}
          title="The song rendered once through as it sounds here: 16-bit, 44.1 kHz"
        >
          WAV audio
        </button>
      </div>
    </details>
  );
}
