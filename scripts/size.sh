#!/usr/bin/env bash
# Size report of the shipped files in dist/ (build it first: scripts/test.sh or
# `trunk build --release --offline`): raw and gzip -9 bytes per file, then the first-load
# total (wasm + js + css + html) that a browser downloads before the app shows.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DIST="${1:-dist}"
[[ -f "$DIST/index.html" ]] || {
	echo "no $DIST/index.html: build first (trunk build --release --offline)" >&2
	exit 1
}

total_raw=0 total_gz=0 load_raw=0 load_gz=0
printf '%-48s %10s %10s\n' file raw gzip
while IFS= read -r -d '' file; do
	raw=$(stat -c %s "$file")
	gz=$(gzip -9 -c "$file" | wc -c)
	printf '%-48s %10d %10d\n' "${file#"$DIST"/}" "$raw" "$gz"
	total_raw=$((total_raw + raw))
	total_gz=$((total_gz + gz))
	case "$file" in
	*.wasm | *.js | *.css | *.html)
		load_raw=$((load_raw + raw))
		load_gz=$((load_gz + gz))
		;;
	esac
done < <(find "$DIST" -type f -not -path "*/.*" -print0 | sort -z)
printf '%-48s %10d %10d\n' "all files" "$total_raw" "$total_gz"
printf '%-48s %10d %10d\n' "first load (wasm+js+css+html)" "$load_raw" "$load_gz"
