#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml): tells the page where its Web Worker is. Trunk leaves no
# tag for a data-type="worker" module in index.html (the app starts workers itself) and does
# not hash its file names, so this
#  - adds ?v=<content hash> to the URLs in the worker's loader shim (cache busting), and
#  - writes <meta name="nianbao-worker" content="./nianbao-worker_loader.js?v=<hash>"> into
#    the staged index.html.
# src/worker_client.rs reads the meta tag on first use; the page itself never fetches the worker.
set -euo pipefail
STAGE="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
shopt -s nullglob
loaders=("$STAGE"/nianbao-worker*_loader.js)
if ((${#loaders[@]} != 1)); then
	echo "trunk-worker-meta: expected one nianbao-worker*_loader.js in $STAGE, found ${#loaders[@]}" >&2
	exit 1
fi
loader="${loaders[0]}"
name="$(basename "$loader")"
base="${name%_loader.js}"
hash="$(cat "$STAGE/$base.js" "$STAGE/${base}_bg.wasm" | sha256sum | cut -c1-16)"
sed -i -E "s/(\\.js|_bg\\.wasm)\"/\\1?v=$hash\"/g" "$loader"
grep -q "?v=$hash" "$loader" || {
	echo "trunk-worker-meta: could not version $loader" >&2
	exit 1
}
html="$STAGE/index.html"
grep -q 'name="nianbao-worker"' "$html" && exit 0
sed -i "s|</head>|<meta name=\"nianbao-worker\" content=\"./$name?v=$hash\"></head>|" "$html"
grep -q "content=\"./$name?v=$hash\"" "$html" || {
	echo "trunk-worker-meta: no </head> in $html" >&2
	exit 1
}
