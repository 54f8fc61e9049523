import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    studioUrl: string;
  }
}

let server: ChildProcess | null = null;
let dataDir = '';

/**
 * Starts the real studio — `./zordic serve --port 0` on a fresh data directory, which also builds the
 * UI when it is stale — and hands its URL to the tests. `--json` makes its first stdout line {"url"}.
 */
export async function setup(project: TestProject): Promise<void> {
  dataDir = mkdtempSync(join(tmpdir(), 'zordic-e2e-'));
  const root = resolve(import.meta.dirname, '../../..');
  server = spawn(join(root, 'zordic'), ['serve', '--port', '0', '--json', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('zordic serve did not print its URL within 5 minutes')), 300_000);
    server!.once('exit', (code) => fail(new Error(`zordic serve exited with ${code}`)));
    createInterface({ input: server!.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      try {
        ok((JSON.parse(line) as { url: string }).url.replace(/\/$/, ''));
      } catch {
        fail(new Error(`unexpected first line from zordic serve: ${line}`));
      }
    });
  });
  project.provide('studioUrl', url);
}

export async function teardown(): Promise<void> {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  rmSync(dataDir, { recursive: true, force: true });
}
