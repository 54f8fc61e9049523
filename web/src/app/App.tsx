import { lazy, Suspense } from 'react';
import { parseRoute, usePathname } from './navigation';
import { ProjectsPage } from '../projects/ProjectsPage';

// The studio (and with it the audio engine) loads only when a project is opened.
const StudioPage = lazy(() => import('../studio/StudioPage'));

export function App() {
  const route = parseRoute(usePathname());
  if (route.page === 'projects') return <ProjectsPage />;
  return (
    <Suspense fallback={<div className="center-message">Opening the studio…</div>}>
      <StudioPage key={route.projectId} projectId={route.projectId} />
    </Suspense>
  );
}
