import { parseRoute, usePathname } from '../ui/navigation';
import { ProjectsPage } from '../projects/ProjectsPage';
// Imported up front: a shared link opens the studio directly, and a lazy chunk would add a round trip
// before the hub connection can even start. Only the audio engine (Tone.js) loads later.
import StudioPage from '../studio/StudioPage';

export function App() {
  const route = parseRoute(usePathname());
  if (route.page === 'projects') return <ProjectsPage />;
  return <StudioPage key={route.projectId} projectId={route.projectId} />;
}
