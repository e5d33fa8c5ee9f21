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
    case "$file" in
        *.txt) label='\x00' ;;
        *.md) label='\x01' ;;
        *.jsonl) label='\x03' ;;
        *.json) label='\x02' ;;
        *.gz) label='\x06' ;;
        *) label='\x05' ;;
    esac
    { printf "${label}\x64\x28\x06\x0c\x08\x08\x0d\x0e\x16"; cat "$file"; } > "$out/seed-$n"
    n=$((n + 1))
done
echo "seeded $n inputs into src/fuzz/$out"
