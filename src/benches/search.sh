#!/usr/bin/env bash
# Search across a collection in the real binary: runs `lede PATH...` in a
# 200x60 tmux window with LEDE_FRAME_LOG set, waits until the collection is
# loaded and analysed, then in the body searches three times for a word no
# article holds (each search scans every article's title and text), searches
# for a common word and walks it with n/N, filters the list by a title, quits,
# and prints the slowest keys (key to frame, as src/benches/keys.sh).
#
#   src/benches/search.sh [--cache DIR] PATH...        WORD="z q ü" src/benches/search.sh PATH...
#
# --cache DIR is the $XDG_CACHE_HOME to use (one filled by `lede index`, so that
# the collection reopens from it); without, a fresh one.
#
# WORD is the absent word as tmux keys (default "z q x j v"). The binary is
# $LEDE_BIN, else target/release/lede.
set -euo pipefail
cache=""
if [[ "${1:-}" == "--cache" ]]; then
    cache="$2"
    shift 2
fi

source "$(dirname "$0")/tmux_lede.sh"
lede_binary
work="$(mktemp -d)"
session="lede-search-$$"
trap 'rm -rf "$work"; tmux kill-session -t "$session" 2>/dev/null || true' EXIT
[[ -n "$cache" ]] || cache="$work"
start_lede "$session" "LEDE_FRAME_LOG=$work/frames XDG_CONFIG_HOME=$work XDG_CACHE_HOME=$cache XDG_DATA_HOME=$work" "$@"
wait_for_first_frame "$session"
wait_until_loaded "$session"

press() { for k in "$@"; do tmux send-keys -t "$session" "$k"; sleep 0.05; done; }
read -r -a word <<< "${WORD:-z q x j v}"
press Tab
for _ in 1 2 3; do
    press / "${word[@]}" Enter
    sleep 1
    tmux capture-pane -p -t "$session" | tail -n 1 | cut -c1-100
    press Escape
done
press / t h e Enter n n n N Escape      # a common word, match to match
press h / z q Enter Escape              # the list filtered as typed
press q
for _ in $(seq 100); do [[ -s "$work/frames" ]] && break; sleep 0.05; done
sort -rn "$work/frames" | head -n 6 | awk '{ printf "%.2f ms %s\n", $1 / 1000, $2 }'
