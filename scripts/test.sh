#!/usr/bin/env bash
# The whole check, as CI runs it (.ci/run): installs any missing tool, then
#   format, clippy (native and wasm32), native tests, browser tests of the app (wasm),
#   release build with Trunk, end-to-end tests of that build in headless Chromium.
# Stops at the first failure. The last line is "e2e: N passed, M failed".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib/tools.sh
source scripts/lib/tools.sh

START=$SECONDS
step() {
	printf '\n==== %s  [%ds]\n' "$*" "$((SECONDS - START))" >&2
}

step "tools"
nb_ensure_build_tools
nb_ensure_chromium
nb_ensure_e2e_modules
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# A cold run is dominated by compiling Leptos five ways (clippy and tests, native and wasm32,
# and the release build). Test builds without debug info compile about a fifth faster;
# panic messages keep their file:line.
export CARGO_PROFILE_DEV_DEBUG="${CARGO_PROFILE_DEV_DEBUG:-0}"
# CI builds a clean clone once: incremental state would only cost time and disk.
if [[ "${CI:-}" == true ]]; then
	export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
fi

step "cargo fmt --check"
cargo fmt --all --check

step "clippy (native)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "clippy (wasm32 app)"
cargo clippy --target wasm32-unknown-unknown -p nianbao-app --all-targets --locked -- -D warnings

step "clippy (wasm32 worker)"
# Separate from the app: one invocation would unify features and hide an app that needs the
# worker-only core features (export, office, pdf).
cargo clippy --target wasm32-unknown-unknown -p nianbao-worker --all-targets --locked -- -D warnings

step "clippy and tests (reader worker: light importers only)"
cargo clippy --target wasm32-unknown-unknown -p nianbao-worker --no-default-features --features reader --all-targets --locked -- -D warnings
cargo test -p nianbao-worker --no-default-features --features reader --locked

step "cargo test (native)"
cargo test --workspace --locked

step "cargo test (wasm32 app, headless Chromium)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	CHROMEDRIVER="$(command -v chromedriver)" \
	WASM_BINDGEN_TEST_WEBDRIVER_JSON="$NB_ROOT/webdriver.json" \
	WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}" \
	cargo test --target wasm32-unknown-unknown -p nianbao-app --locked

step "trunk build --release"
trunk build --release --offline

step "size (first load, and the modules loaded on demand)"
scripts/size.sh

step "e2e (tests/e2e, headless Chromium)"
mkdir -p tests/out
set +e
node --test --test-concurrency=1 \
	--test-reporter=spec --test-reporter-destination=stdout \
	--test-reporter=tap --test-reporter-destination=tests/out/e2e.tap \
	tests/e2e/*.test.mjs
E2E_STATUS=$?
set -e
PASSED="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' tests/out/e2e.tap)"
FAILED="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' tests/out/e2e.tap)"

printf '\nall steps done in %ds\n' "$((SECONDS - START))" >&2
echo "e2e: ${PASSED:-0} passed, ${FAILED:-0} failed"
if ((E2E_STATUS != 0)) || [[ "${PASSED:-0}" == 0 ]]; then
	exit 1
fi
