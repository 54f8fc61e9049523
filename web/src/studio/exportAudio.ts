import type { ProjectDocument } from '../document/projectDocument';
import { notify, useStudio } from './store';

/**
 * Renders the song once through to a WAV file (offline, faster than real time, as it plays here: the
 * same instruments, mixer and swing) and hands it to the browser to save. The renderer loads with it.
 */
export async function exportAudio(doc: ProjectDocument): Promise<void> {
  if (useStudio.getState().rendering) return;
  useStudio.setState({ rendering: true });
  try {
    const [{ renderSong }, { encodeWav }] = await Promise.all([import('../audio/renderSong'), import('../audio/wav')]);
    const wav = encodeWav(await renderSong(doc));
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([wav], { type: 'audio/wav' }));
    link.download = `${doc.name.replace(/[\\/:*?"<>|]+/g, '-').trim() || 'song'}.wav`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  } catch (e) {
    notify('error', `The song could not be rendered: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    useStudio.setState({ rendering: false });
  }
}
