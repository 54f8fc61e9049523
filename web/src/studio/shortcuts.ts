import { useEffect } from 'react';
import { useStudioContext } from './frame';
import { useStudio } from './store';

/** Keys a musician expects: space plays, Ctrl+Z undoes; none of them fire while typing in a field. */
export const SHORTCUTS: readonly [string, string][] = [
  ['Space', 'Play / stop'],
  ['Ctrl+Z', 'Undo your last change'],
  ['Ctrl+Shift+Z · Ctrl+Y', 'Redo'],
  ['L', 'Loop on / off'],
  ['K', 'Metronome on / off'],
  ['Delete', 'Delete the selected notes (piano roll)'],
  ['Ctrl+C · Ctrl+X · Ctrl+V', 'Copy, cut, paste notes (at the pointer)'],
  ['Ctrl+D', 'Duplicate the selected notes right after themselves'],
  ['Arrows · Shift+↑↓', 'Move selected notes by the snap · by an octave'],
  ['Shift+click a step', 'Cycle accent: normal → accent → ghost'],
  ['Ctrl+wheel · + / −', 'Zoom the piano roll'],
  ['/', 'Ask the agents (jump to the prompt)'],
  ['?', 'Show these shortcuts'],
];

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || (target instanceof HTMLInputElement && !['range', 'checkbox', 'button'].includes(target.type)) || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement);

export function useShortcuts(): void {
  const { controller } = useStudioContext();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      if (e.code === 'Space' && !mod) {
        e.preventDefault();
        void controller.transport.togglePlay();
      } else if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) controller.redo();
        else controller.undo();
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        controller.redo();
      } else if (!mod && e.key.toLowerCase() === 'l') {
        controller.transport.setLoop(!useStudio.getState().loop);
      } else if (!mod && e.key.toLowerCase() === 'k') {
        controller.transport.setMetronome(!useStudio.getState().metronome);
      } else if (e.key === '?') {
        window.dispatchEvent(new CustomEvent('zordic:help'));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);
}
