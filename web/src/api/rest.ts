import type { ProjectDocument } from '../document/projectDocument';

/** The studio's REST API (README "The API"): projects, bare edits, MIDI. Errors are problem+json. */
export interface ProjectSummary {
  readonly id: string;
  readonly name: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly seq: number;
  /** Tempo, key and track count as of the last edit; null for a project not edited since the list kept them. */
  readonly bpm: number | null;
  readonly key: { readonly tonic: string; readonly mode: string } | null;
  readonly tracks: number | null;
}

export interface MidiImportResult {
  readonly project: ProjectDocument;
  readonly tracks_added: number;
  readonly notes_added: number;
  readonly notices: readonly string[];
}

/** A refusal from the server, with its stable code and a message meant for people. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

async function call<T>(method: string, url: string, options: { json?: unknown; body?: BodyInit; contentType?: string; userId?: string } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  if (options.contentType) headers['content-type'] = options.contentType;
  if (options.userId) headers['x-user-id'] = options.userId;
  const response = await fetch(url, { method, headers, body: options.json !== undefined ? JSON.stringify(options.json) : options.body });
  if (!response.ok) {
    let code = 'http_' + response.status;
    let message = response.statusText || 'the server refused the request';
    try {
      const problem = (await response.json()) as { code?: string; detail?: string; title?: string };
      code = problem.code ?? code;
      message = problem.detail ?? problem.title ?? message;
    } catch {
      // not problem+json: keep the status text
    }
    throw new ApiError(response.status, code, message);
  }
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

export const listProjects = (): Promise<ProjectSummary[]> => call('GET', '/api/projects');

export const createProject = (name: string, userId: string, bpm?: number, key?: string): Promise<ProjectDocument> =>
  call('POST', '/api/projects', { json: { name, ...(bpm ? { bpm } : {}), ...(key ? { key } : {}) }, userId });

export const getProject = (id: string): Promise<ProjectDocument> => call('GET', `/api/projects/${encodeURIComponent(id)}`);

export const deleteProject = (id: string): Promise<void> => call('DELETE', `/api/projects/${encodeURIComponent(id)}`);

/** Renaming is an edit like any other: an update of ["name"], stamped by the server's API session. */
export async function renameProject(id: string, name: string, userId: string): Promise<void> {
  const result = await call<{ results: { status: string; code?: string; message?: string }[] }>('POST', `/api/projects/${encodeURIComponent(id)}/ops`, {
    json: [{ type: 'update', path: ['name'], value: name }],
    userId,
  });
  const first = result.results[0];
  if (first?.status === 'rejected') throw new ApiError(400, first.code ?? 'rejected', first.message ?? 'the name was refused');
}

export const importMidi = (file: Blob, name: string | null, userId: string): Promise<MidiImportResult> =>
  call('POST', `/api/projects/import/midi${name ? `?name=${encodeURIComponent(name)}` : ''}`, { body: file, contentType: 'audio/midi', userId });

export const midiExportUrl = (id: string): string => `/api/projects/${encodeURIComponent(id)}/midi`;

/** The visual agent's effect for an audio event (POST /api/visual/effect); the studio asks once per instrument. */
export const visualEffect = (request: { instrument: string; velocity: number; frequency: number }): Promise<{ type: string }> =>
  call('POST', '/api/visual/effect', { json: request });
