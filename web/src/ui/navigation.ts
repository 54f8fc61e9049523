import { useSyncExternalStore } from 'react';

/** Two pages, two URLs: "/" lists projects, "/projects/{id}" opens one (so sharing the link invites). */
export type Route = { page: 'projects' } | { page: 'studio'; projectId: string };

export function parseRoute(pathname: string): Route {
  const match = /^\/projects\/([A-Za-z0-9\-_:.]{1,64})\/?$/.exec(pathname);
  return match ? { page: 'studio', projectId: decodeURIComponent(match[1]!) } : { page: 'projects' };
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

export function navigate(path: string): void {
  if (path === location.pathname) return;
  history.pushState(null, '', path);
  listeners.forEach((l) => l());
}

export const studioPath = (projectId: string): string => `/projects/${encodeURIComponent(projectId)}`;

export function usePathname(): string {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => location.pathname,
  );
}
