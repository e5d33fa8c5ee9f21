#!/usr/bin/env bash
# The reader's search across the collection (`:` and a query) in the real
# binary, as a reader sees it: runs `lede PATH...` in a 200x60 tmux window,
# waits until the collection is loaded and analysed, then for each query types
# `:` and the query, and times from Enter until the list's title shows the
# narrowed list (polling `tmux capture-pane`, a few milliseconds a poll); Esc
# between queries. Prints one line per query and run: that time, and lede's
# own (LEDE_FRAME_LOG: from the Enter key read to the frame with the answer
# written, without tmux's part and the polling's).
#
#   src/benches/collection_search.sh [--cache DIR] [--runs N] PATH... -- QUERY...
#
# --cache DIR is the $XDG_CACHE_HOME to use (one filled by `lede index`, so that
# the collection opens from it); without, a fresh one. The binary is
# $LEDE_BIN, else target/release/lede.
set -euo pipefail

runs=3
cache=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --cache) cache="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        *) break ;;
    esac
done
paths=()
while [[ $# -gt 0 && "$1" != "--" ]]; do paths+=("$1"); shift; done
[[ $# -gt 0 ]] && shift
queries=("$@")
[[ ${#queries[@]} -gt 0 ]] || queries=(harbour '"supreme leader"')
source "$(dirname "$0")/tmux_lede.sh"
lede_binary
work="$(mktemp -d)"
session="lede-collection-search-$$"
trap 'rm -rf "$work"; tmux kill-session -t "$session" 2>/dev/null || true' EXIT
[[ -n "$cache" ]] || cache="$work/cache"
start_lede "$session" "LEDE_FRAME_LOG=$work/frames XDG_CONFIG_HOME=$work XDG_CACHE_HOME=$cache XDG_DATA_HOME=$work" "${paths[@]}"
wait_for_first_frame "$session"
wait_until_loaded "$session"
# The search thread makes its tables once the collection has settled.
sleep 3
now_ns() { date +%s%N; }
lines=()
for ((run = 1; run <= runs; run++)); do
    for query in "${queries[@]}"; do
        tmux send-keys -t "$session" ":"
        tmux send-keys -t "$session" -l "$query"
        sleep 0.3
        start=$(now_ns)
        tmux send-keys -t "$session" Enter
        # The answer's status line, or (no writable cache, many articles)
        # the note that follows it at once; given up after 30 s.
        until tmux capture-pane -p -t "$session" | tail -n 1 |
            grep -qE "match “|No article matches|other articles only"; do
            (( ($(now_ns) - start) / 1000000000 < 30 )) || { echo "run $run: $query: no answer in 30 s"; break; }
        done
        end=$(now_ns)
        status="$(tmux capture-pane -p -t "$session" | tail -n 1 | grep -oE "[0-9]+ articles? match|No article matches|other articles only" || true)"
        lines+=("run $run: $query: $(( (end - start) / 1000000 )) ms ($status)")
        tmux send-keys -t "$session" Escape
        sleep 0.5
    done
done
tmux send-keys -t "$session" q
for _ in $(seq 100); do [[ -s "$work/frames" ]] && break; sleep 0.05; done
mapfile -t inside < <(awk '$2 == "search" { printf "%.1f", $1 / 1000; print "" }' "$work/frames" 2>/dev/null)
for i in "${!lines[@]}"; do
    echo "${lines[$i]}; in lede: ${inside[$i]:-?} ms"
done
