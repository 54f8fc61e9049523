import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { ApiError, createProject, deleteProject, importMidi, listProjects, midiExportUrl, renameProject, type ProjectSummary } from '../api/rest';
import { loadIdentity } from '../collab/identity';
import { navigate, studioPath } from '../ui/navigation';
import { BrandMark } from '../ui/BrandMark';
import { ProjectArt } from './ProjectArt';

const when = (iso: string): string => {
  const seconds = (Date.now() - new Date(iso).getTime()) / 1000;
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return new Date(iso).toLocaleDateString();
};

/** The list of projects: open, create, rename, delete, import a MIDI file (button or drop). */
export function ProjectsPage() {
  const identity = useRef(loadIdentity()).current;
  const [projects, setProjects] = useState<ProjectSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(() => {
    listProjects().then(setProjects, (e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    document.title = 'Projects · Zordic Studio';
    refresh();
  }, [refresh]);

  const guard = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const create = () =>
    guard(async () => {
      const count = (projects?.length ?? 0) + 1;
      const doc = await createProject(`Untitled beat ${count}`, identity.userId);
      navigate(studioPath(doc.id));
    });

  const importFiles = (files: FileList | File[]) =>
    guard(async () => {
      const list = [...files].filter((f) => /\.(mid|midi|smf)$/i.test(f.name) || f.type.includes('midi'));
      if (list.length === 0) throw new Error('Drop a Standard MIDI File (.mid).');
      let last: string | null = null;
      for (const file of list) {
        const result = await importMidi(file, file.name.replace(/\.(mid|midi|smf)$/i, ''), identity.userId);
        last = result.project.id;
      }
      if (list.length === 1 && last) navigate(studioPath(last));
      else refresh();
    });

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (e.dataTransfer.files.length > 0) void importFiles(e.dataTransfer.files);
  };

  const rename = (p: ProjectSummary, name: string) => {
    setRenaming(null);
    const trimmed = name.trim();
    if (!trimmed || trimmed === p.name) return;
    void guard(async () => {
      await renameProject(p.id, trimmed, identity.userId);
      refresh();
    });
  };

  const remove = (p: ProjectSummary) => {
    if (!confirm(`Delete "${p.name}" and its whole history? This cannot be undone.`)) return;
    void guard(async () => {
      await deleteProject(p.id);
      refresh();
    });
  };

  return (
    <div
      className="projects"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setOver(false);
      }}
      onDrop={onDrop}
    >
      <div className="projects-inner">
        <div className="projects-head">
          <div>
            <div className="brand" style={{ marginBottom: 14 }}>
              <BrandMark /> Zordic Studio
            </div>
            <h1>Projects</h1>
            <div className="muted">Make a beat, invite someone with the link, edit together live.</div>
          </div>
          <div className="projects-actions">
            <button className="btn" onClick={() => fileInput.current?.click()} disabled={busy} data-testid="import-midi">
              Import MIDI…
            </button>
            <button className="btn primary" onClick={create} disabled={busy} data-testid="new-project">
              + New project
            </button>
            <input ref={fileInput} type="file" accept=".mid,.midi,audio/midi" hidden multiple onChange={(e) => e.target.files && void importFiles(e.target.files)} />
          </div>
        </div>
        <div className={`dropzone${over ? ' over' : ''}`}>Drop .mid files anywhere on this page to import them as new projects.</div>
        {error && (
          <div className="toast error" style={{ marginBottom: 16 }} role="alert">
            {error}
          </div>
        )}
        {projects === null ? (
          <div className="empty">Loading…</div>
        ) : projects.length === 0 ? (
          <div className="empty">
            <p style={{ fontSize: 16, color: 'var(--text)' }}>No projects yet.</p>
            <p>Start one with “New project”, or drop a MIDI file here.</p>
          </div>
        ) : (
          <div className="project-grid" data-testid="project-list">
            {projects.map((p) => (
              <div key={p.id} className="project-card" data-testid="project-card">
                <div className="project-art" onClick={() => navigate(studioPath(p.id))}>
                  <ProjectArt seed={p.id} />
                </div>
                {renaming === p.id ? (
                  <input
                    className="input"
                    autoFocus
                    defaultValue={p.name}
                    aria-label="Project name"
                    onBlur={(e) => rename(p, e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') rename(p, e.currentTarget.value);
                      if (e.key === 'Escape') setRenaming(null);
                    }}
                  />
                ) : (
                  <a className="name" href={studioPath(p.id)} onClick={(e) => { e.preventDefault(); navigate(studioPath(p.id)); }} style={{ color: 'var(--text)', textDecoration: 'none' }}>
                    {p.name}
                  </a>
                )}
                {p.bpm !== null && p.key && p.tracks !== null && (
                  <div className="meta" data-testid="project-facts">
                    {Math.round(p.bpm * 10) / 10} bpm · {p.key.tonic} {p.key.mode} · {p.tracks} track{p.tracks === 1 ? '' : 's'}
                  </div>
                )}
                <div className="meta">
                  edited {when(p.updated_at)} · {p.seq} edit{p.seq === 1 ? '' : 's'}
                </div>
                <div className="row">
                  <button className="btn" onClick={() => navigate(studioPath(p.id))}>Open</button>
                  <button className="btn" onClick={() => setRenaming(p.id)}>Rename</button>
                  <a className="btn" href={midiExportUrl(p.id)} download>MIDI</a>
                  <button className="btn danger" onClick={() => remove(p)} style={{ marginLeft: 'auto' }}>Delete</button>
                </div>
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
