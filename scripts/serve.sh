#!/usr/bin/env bash
# Builds the app (release) and serves it at http://127.0.0.1:8080, rebuilding on change.
# Installs any missing tool first (see scripts/lib/tools.sh). Extra arguments go to trunk.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib/tools.sh
source scripts/lib/tools.sh

nb_ensure_build_tools
nb_log "serving on http://127.0.0.1:8080 (Ctrl-C stops)"
exec trunk serve --release --offline --address 127.0.0.1 --port 8080 "$@"
