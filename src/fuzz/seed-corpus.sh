#!/usr/bin/env bash
# Seeds the fuzz corpus (src/fuzz/corpus/pipeline, not committed) with the
# repository's fixtures and samples, each behind the 4-byte header the
# `pipeline` target reads: file name choice, width, height, number of actions,
# then six actions (open, next pane twice, select entity, next mention, show
# skipped files).
set -euo pipefail
cd "$(dirname "$0")"
out=corpus/pipeline
mkdir -p "$out"
n=0
for file in ../../assets/fixtures/*/* ../../assets/sample/*; do
    [ -f "$file" ] || continue
    # The byte is the file name's index in `LABELS` (src/fuzz/pipeline.rs).
    case "$file" in
        */README.md) continue ;;
        *.txt) label='\x00' ;;
        *.md) label='\x01' ;;
        *.jsonl) label='\x03' ;;
        *.json) label='\x02' ;;
        *.json.gz) label='\x06' ;;
        *.txt.gz) label='\x07' ;;
        *.html | *.htm) label='\x0b' ;;
        *.xml) label='\x0c' ;;
        *.rss) label='\x0d' ;;
        *.atom) label='\x0e' ;;
        *.rdf) label='\x0f' ;;
        *.opml) label='\x10' ;;
        *.html.gz) label='\x11' ;;
        *.xhtml) label='\x12' ;;
        *.xml.gz) label='\x14' ;;
        *) label='\x05' ;;
    esac
    { printf "${label}\x64\x28\x06\x0c\x08\x08\x0d\x0e\x16"; cat "$file"; } > "$out/seed-$n"
    n=$((n + 1))
done
# No fixture is an OPML list (the loader tests write theirs): one by hand.
{
    printf '\x10\x64\x28\x00'
    cat <<'OPML'
<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
<outline text="News"><outline text="Harbour &amp; Wire" title="Harbour Wire" type="rss" xmlUrl="https://example.com/feed.rss"/>
<outline text="Local" xmlUrl="local.xml"/></outline></body></opml>
OPML
} > "$out/seed-$n"
n=$((n + 1))
echo "seeded $n inputs into src/fuzz/$out"
