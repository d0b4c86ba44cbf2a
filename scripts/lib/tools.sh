# shellcheck shell=bash
# Tool set-up shared by scripts/serve.sh and scripts/test.sh (sourced, not run).
#
# Every nb_ensure_* function checks the installed *version*, not just presence, and installs
# only what is missing or wrong, so a second run costs a few seconds. Only package registries
# are used (crates.io via cargo, npm, Debian apt); nothing is downloaded from anywhere else,
# and Trunk always runs with --offline.
#
# Versions, each written down once:
#   trunk            NB_TRUNK_VERSION below
#   wasm-bindgen-cli the `wasm-bindgen` version in Cargo.lock (pinned "=x.y.z" in Cargo.toml)
#   wasm-opt         `wasm_opt = "version_N"` in Trunk.toml (npm package binaryen@N, in .tools/)
#   playwright-core  tests/e2e/package-lock.json (npm ci into .tools/e2e/)

NB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NB_TOOLS="$NB_ROOT/.tools"
NB_TRUNK_VERSION="0.21.14"
NB_NODE_MIN_MAJOR=20

nb_log() { printf '==> %s\n' "$*" >&2; }
nb_die() {
	printf 'error: %s\n' "$*" >&2
	exit 1
}

# `cmd | grep -q` can kill cmd with SIGPIPE, which pipefail reports as a failure:
# match on captured output instead.
nb_has_line() { grep -qx -- "$2" <<<"$1"; }

# Installs the given Debian packages that are not installed yet (apt-get update only then).
nb_apt_ensure() {
	local pkg missing=()
	for pkg in "$@"; do
		if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" != "install ok installed" ]]; then
			missing+=("$pkg")
		fi
	done
	((${#missing[@]} == 0)) && return 0
	command -v apt-get >/dev/null || nb_die "need Debian packages: ${missing[*]} (no apt-get here)"
	local sudo=()
	[[ "$(id -u)" == 0 ]] || sudo=(sudo)
	nb_log "apt-get install ${missing[*]}"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Prints the version of crate $1 recorded in Cargo.lock.
nb_lock_version() {
	awk -v want="name = \"$1\"" '$0 == want { getline; gsub(/^version = "|"$/, ""); print; exit }' \
		"$NB_ROOT/Cargo.lock"
}

nb_ensure_rust() {
	local cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
	[[ ":$PATH:" == *":$cargo_bin:"* ]] || export PATH="$cargo_bin:$PATH"
	command -v cargo >/dev/null || nb_die "cargo not found: install Rust with rustup first"
	if command -v rustup >/dev/null; then
		local installed
		installed="$(rustup target list --installed)"
		nb_has_line "$installed" wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
		installed="$(rustup component list --installed)"
		local component
		for component in rustfmt clippy; do
			grep -q "^$component" <<<"$installed" || rustup component add "$component"
		done
	fi
}

nb_ensure_trunk() {
	local have=""
	command -v trunk >/dev/null && have="$(trunk --version 2>/dev/null | awk '{ print $2 }')"
	if [[ "$have" != "$NB_TRUNK_VERSION" ]]; then
		nb_log "installing trunk $NB_TRUNK_VERSION (found: ${have:-none}); the first build takes ~10 min"
		cargo install trunk --version "$NB_TRUNK_VERSION" --locked
	fi
}

# wasm-bindgen-cli provides wasm-bindgen (used by Trunk) and wasm-bindgen-test-runner.
# Its version must equal the wasm-bindgen crate's in Cargo.lock.
nb_ensure_wasm_bindgen() {
	local want have="" runner=""
	want="$(nb_lock_version wasm-bindgen)"
	[[ -n "$want" ]] || nb_die "no wasm-bindgen in Cargo.lock"
	command -v wasm-bindgen >/dev/null && have="$(wasm-bindgen --version | awk '{ print $2 }')"
	command -v wasm-bindgen-test-runner >/dev/null &&
		runner="$(wasm-bindgen-test-runner --version | awk '{ print $2 }')"
	if [[ "$have" != "$want" || "$runner" != "$want" ]]; then
		nb_log "installing wasm-bindgen-cli $want (found: ${have:-none}/${runner:-none})"
		# Not --locked: its own lockfile pins crates that no longer build on current Rust.
		cargo install wasm-bindgen-cli --version "$want" --force
	fi
}

nb_ensure_node() {
	local major=0
	command -v node >/dev/null && major="$(node -p 'process.versions.node.split(".")[0]')"
	if ((major < NB_NODE_MIN_MAJOR)) || ! command -v npm >/dev/null; then
		nb_apt_ensure nodejs npm
		major="$(node -p 'process.versions.node.split(".")[0]')"
		((major >= NB_NODE_MIN_MAJOR)) || nb_die "need node >= $NB_NODE_MIN_MAJOR, have $(node --version)"
	fi
}

# wasm-opt from the npm package binaryen (Debian's binaryen 108 breaks the module).
nb_ensure_binaryen() {
	local want have="" dir
	want="$(sed -n 's/^wasm_opt *= *"version_\([0-9]*\)".*/\1/p' "$NB_ROOT/Trunk.toml")"
	[[ -n "$want" ]] || nb_die 'Trunk.toml has no [tools] wasm_opt = "version_N"'
	dir="$NB_TOOLS/binaryen-$want"
	[[ -x "$dir/node_modules/.bin/wasm-opt" ]] &&
		have="$("$dir/node_modules/.bin/wasm-opt" --version | awk '{ print $3 }')"
	if [[ "$have" != "$want" ]]; then
		nb_ensure_node
		nb_log "installing wasm-opt (npm binaryen@$want) into ${dir#"$NB_ROOT"/}"
		rm -rf "$dir"
		mkdir -p "$dir"
		npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
			"binaryen@$want"
	fi
	export PATH="$dir/node_modules/.bin:$PATH"
}

nb_ensure_chromium() {
	# LibreOffice and poppler: the export tests open the DOCX/XLSX exports with a real consumer.
	nb_apt_ensure chromium chromium-driver fonts-noto-cjk libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils
	command -v chromium >/dev/null || nb_die "chromium not on PATH"
	command -v chromedriver >/dev/null || nb_die "chromedriver not on PATH"
}

# npm ci of tests/e2e into .tools/e2e, redone only when package-lock.json changes;
# tests/e2e/node_modules is a symlink to it.
nb_ensure_e2e_modules() {
	nb_ensure_node
	local src="$NB_ROOT/tests/e2e" dir="$NB_TOOLS/e2e" sum
	sum="$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | awk '{ print $1 }')"
	if [[ ! -d "$dir/node_modules" || "$(cat "$dir/.lock.sha256" 2>/dev/null || true)" != "$sum" ]]; then
		nb_log "npm ci (tests/e2e) into ${dir#"$NB_ROOT"/}"
		rm -rf "$dir"
		mkdir -p "$dir"
		cp "$src/package.json" "$src/package-lock.json" "$dir/"
		(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
		printf '%s\n' "$sum" >"$dir/.lock.sha256"
	fi
	ln -sfn "$dir/node_modules" "$src/node_modules"
}

# Everything needed to build the app with Trunk.
nb_ensure_build_tools() {
	nb_ensure_rust
	nb_ensure_trunk
	nb_ensure_wasm_bindgen
	nb_ensure_binaryen
}
