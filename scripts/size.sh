#!/usr/bin/env bash
# Size report of the shipped files in dist/ (build it first: scripts/test.sh or
# `trunk build --release --offline`): raw and gzip -9 bytes per file, in groups:
#  - first load: index.html and every file it loads at start (its href/src/import URLs, and
#    the wasm-bindgen snippets its module imports): the start page;
#  - the checker (nianbao-checker*: report view, rules, charts), loaded by the start page on
#    the first input (its URL is only in <meta name="nianbao-checker">);
#  - the reader worker (nianbao-reader*: text, HTML, CSV, JSON import), fetched ahead of the
#    first input (its URL is only in <meta name="nianbao-reader">);
#  - the engine worker (nianbao-worker*: PDF, DOCX, XLSX import, exports), fetched on the first
#    such import or download (its URL is only in <meta name="nianbao-worker">);
# then anything else. The first-load gzip total is the budget (issue #5: ≤ 250 KB).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DIST="${1:-dist}"
[[ -f "$DIST/index.html" ]] || {
	echo "no $DIST/index.html: build first (trunk build --release --offline)" >&2
	exit 1
}
BUDGET_GZ=$((250 * 1024))

# URLs index.html loads at start: href/src attributes (quoted or not: the release HTML is
# minified) and JS string literals, not the meta tag.
loaded="$(sed -E 's/<meta[^>]*nianbao-worker[^>]*>//g' "$DIST/index.html" |
	grep -oE "(href|src)=(\"[^\"]*\"|[^\"' >]+)|'[^']*'" | sed -E "s/^(href|src)=//; s/[\"']//g; s|^\./||; s|^/||; s/[?#].*//")"

declare -A group
while IFS= read -r -d '' file; do
	rel="${file#"$DIST"/}"
	if [[ "$rel" == index.html || "$rel" == snippets/* ]] || grep -qxF "$rel" <<<"$loaded"; then
		group[$rel]="first"
	elif [[ "$rel" == nianbao-checker* ]]; then
		group[$rel]="checker"
	elif [[ "$rel" == nianbao-reader* ]]; then
		group[$rel]="reader"
	elif [[ "$rel" == nianbao-worker* ]]; then
		group[$rel]="worker"
	else
		group[$rel]="other"
	fi
done < <(find "$DIST" -type f -print0)

report() {
	local g="$1" title="$2" raw gz t_raw=0 t_gz=0
	printf '\n%s\n%-48s %10s %10s\n' "$title" file raw gzip
	while IFS= read -r rel; do
		[[ "${group[$rel]}" == "$g" ]] || continue
		raw=$(stat -c %s "$DIST/$rel")
		gz=$(gzip -9 -c "$DIST/$rel" | wc -c)
		printf '%-48s %10d %10d\n' "$rel" "$raw" "$gz"
		t_raw=$((t_raw + raw))
		t_gz=$((t_gz + gz))
	done < <(printf '%s\n' "${!group[@]}" | sort)
	printf '%-48s %10d %10d\n' "total ($g)" "$t_raw" "$t_gz"
	eval "TOTAL_${g}_GZ=$t_gz"
}
report first "first load (what index.html loads at start)"
report checker "on demand: the checker (loaded by the start page on the first input)"
report reader "on demand: the reader worker (text, HTML, CSV, JSON import; ahead of the first input)"
report worker "on demand: the engine worker (PDF, DOCX, XLSX import, downloads; on first such use)"
report other "other files (not loaded by the page itself)"
echo
printf '%-48s %10d %10d\n' "first load gzip vs budget" "$TOTAL_first_GZ" "$BUDGET_GZ"
# A size report, not a test: the figure is watched, the build is not failed for it.
if ((TOTAL_first_GZ > BUDGET_GZ)); then
	echo "WARNING: first load is over the budget by $(((TOTAL_first_GZ - BUDGET_GZ) / 1024)) KB gzip" >&2
fi
