#!/usr/bin/env bash
# Installs the npm agentdb 1.6.1 anchor on demand: packages from the lock file without their install scripts,
# then hnswlib-node's native addon built against the system's Node headers (its prebuilt download is unreachable).
set -euo pipefail
cd "$(dirname "$0")"
if [ -f node_modules/hnswlib-node/build/Release/addon.node ]; then
  exit 0
fi
npm ci --ignore-scripts --no-audit --no-fund >&2
gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
(cd node_modules/hnswlib-node && node "$gyp" rebuild --nodedir=/usr >&2)
