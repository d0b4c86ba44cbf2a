#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml): tells the page where its on-demand modules are. Trunk
# leaves no tag for a data-type="worker" module in index.html and does not hash its file
# names, so for each of them this adds a content hash to its URLs (cache busting) and writes
# a meta tag into the staged index.html:
#  - the two Web Workers (the reader: light importers; the engine: heavy importers and
#    exporters): ?v=<hash> on the URLs in each loader shim, and
#    <meta name="nianbao-reader" content="./nianbao-reader_loader.js?v=<hash>"> and
#    <meta name="nianbao-worker" content="./nianbao-worker_loader.js?v=<hash>">
#    (read by src/worker_client.rs);
#  - the checker (report view, rules; an ES module for the page): ?v=<hash> on the wasm URL
#    in its JS, and <meta name="nianbao-checker" content="./nianbao-checker.js?v=<hash>">
#    (read by src/start.rs).
# The page itself fetches neither at start.
set -euo pipefail
STAGE="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
html="$STAGE/index.html"
shopt -s nullglob

# meta NAME URL: adds <meta name=NAME content=URL> before </head> unless there is one.
meta() {
	grep -q "name=\"$1\"" "$html" && return 0
	sed -i "s|</head>|<meta name=\"$1\" content=\"$2\"></head>|" "$html"
	grep -q "content=\"$2\"" "$html" || {
		echo "trunk-worker-meta: no </head> in $html" >&2
		exit 1
	}
}

# one GLOB: the single file matching GLOB in the stage (fails otherwise).
one() {
	local found=("$STAGE"/$1)
	if ((${#found[@]} != 1)); then
		echo "trunk-worker-meta: expected one $1 in $STAGE, found ${#found[@]}" >&2
		exit 1
	fi
	printf '%s' "${found[0]}"
}

hash_of() { cat "$@" | sha256sum | cut -c1-16; }

# The workers, through their loader shims.
for worker in nianbao-reader nianbao-worker; do
	loader="$(one "$worker*_loader.js")"
	name="$(basename "$loader")"
	base="${name%_loader.js}"
	hash="$(hash_of "$STAGE/$base.js" "$STAGE/${base}_bg.wasm")"
	sed -i -E "s/(\\.js|_bg\\.wasm)\"/\\1?v=$hash\"/g" "$loader"
	grep -q "?v=$hash" "$loader" || {
		echo "trunk-worker-meta: could not version $loader" >&2
		exit 1
	}
	meta "$worker" "./$name?v=$hash"
done

# The checker: its wasm-bindgen JS loads its wasm from new URL('…_bg.wasm', import.meta.url).
js="$(one 'nianbao-checker.js')"
hash="$(hash_of "$js" "$STAGE/nianbao-checker_bg.wasm")"
sed -i -E "s/(nianbao-checker_bg\\.wasm)'/\\1?v=$hash'/g" "$js"
grep -q "?v=$hash'" "$js" || {
	echo "trunk-worker-meta: could not version $js" >&2
	exit 1
}
meta nianbao-checker "./nianbao-checker.js?v=$hash"
