// ESLint for web/ (`npm run lint`, and one suite of ./test). The layer rules below are the ones docs/web.md
// ("Layers") explains; a change to them belongs in both places.
//
// Why this folder has its own package.json: typescript-eslint 8.73 parses with TypeScript's JavaScript API
// (ts.createSourceFile), which TypeScript 7.0 — the native compiler web/ builds and type-checks with — no
// longer ships (typescript-eslint reads TS 7 only through an experimental backend that needs a 7.1 build),
// so it cannot load from web/node_modules. Installed apart, the linter has TypeScript 6.0, the last with
// that API, and web/'s compiler stays as it is. The rules are type-unaware (no `parserOptions.project`): the
// layering needs the syntax only, and type-checking stays tsc 7's job (`npm run typecheck`).
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/**
 * The folders of web/src and what each may import (besides itself). Lower layers know nothing of the
 * higher ones: the document's shape knows nothing; music is theory and time over the document; collab
 * is the CRDT (ops, replica, editing session) and knows no network; the hub connection and the REST
 * client carry them; the pages put everything together.
 */
const LAYERS = {
  document: [],
  music: ['document'],
  collab: ['document', 'music'],
  edits: ['collab', 'document', 'music'],
  suggestions: ['document', 'music'],
  audio: ['document', 'music'],
  api: ['document'],
  hub: ['collab', 'document', 'suggestions'],
  ui: [],
  projects: ['api', 'collab', 'ui'],
  studio: ['api', 'audio', 'collab', 'document', 'edits', 'hub', 'music', 'suggestions', 'ui'],
  app: ['projects', 'studio', 'ui'],
};

/** Libraries that belong to one layer: Tone.js is the audio wiring, SignalR the hub connection. */
const ONLY_IN = { tone: 'audio', '@microsoft/signalr': 'hub' };

/** Pure logic (unit-tested in Node) is kept apart from React and from the page's state. */
const PURE = ['document', 'music', 'collab', 'edits', 'suggestions'];

const restricted = (layer) => {
  const paths = Object.entries(ONLY_IN)
    .filter(([, owner]) => owner !== layer)
    .map(([name, owner]) => ({ name, message: `${name} is used in ${owner}/ only.` }));
  if (PURE.includes(layer))
    for (const name of ['react', 'react-dom', 'zustand'])
      paths.push({ name, message: `${layer}/ is pure logic, tested without a browser: React and the store belong to the pages.` });
  return ['error', { paths }];
};

export default defineConfig(
  // vite-env.d.ts only declares Vite's types for the whole of src/.
  { ignores: ['dist/**', 'node_modules/**', 'lint/node_modules/**', 'src/vite-env.d.ts'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    // `const { version_vector: _, ...rest } = doc` leaves out a field on purpose.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }] },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx'] } },
      'boundaries/elements': Object.keys(LAYERS).map((layer) => ({ type: layer, pattern: `src/${layer}`, partialMatch: false })),
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: Object.entries(LAYERS).map(([layer, uses]) => ({
            from: { element: { type: layer } },
            allow: { to: { element: { types: { anyOf: [layer, ...uses] } } } },
          })),
        },
      ],
      // Every file of src/ is in a layer, and every import of ours resolves to one.
      'boundaries/no-unknown-files': 'error',
      'boundaries/no-unknown-dependencies': 'error',
    },
  },
  ...Object.keys(LAYERS).map((layer) => ({
    files: [`src/${layer}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': restricted(layer) },
  })),
);
