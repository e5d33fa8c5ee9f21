#!/usr/bin/env bash
# Key to frame in the real binary: runs `lede PATH...` in a 200x60 tmux window
# with LEDE_FRAME_LOG set (lede then records, for every key, the time from
# reading the key to the end of the frame drawn for it), types a round of
# navigation keys (list, body, article to article, sidebar, entity mentions
# across articles, filter, scope), quits, and prints the distribution.
#
#   src/benches/keys.sh [--wait-done] [--cache DIR] PATH...
#
# By default the keys are typed while the collection is still loading and
# being analysed (the harder case); --wait-done waits until it is finished.
# The binary is $LEDE_BIN, else target/release/lede.
# --cache DIR uses DIR as $XDG_CACHE_HOME (one where `lede index` made the
# collection's snapshot: the keys then meet a collection reopened whole).
# lede runs with config, cache and reading state folders of its own, so that a
# run never reopens where the last one left, nor follows your config.
set -euo pipefail

wait_done=0
if [[ "${1:-}" == "--wait-done" ]]; then wait_done=1; shift; fi
cache_home=""
if [[ "${1:-}" == "--cache" ]]; then cache_home="$2"; shift 2; fi
source "$(dirname "$0")/tmux_lede.sh"
lede_binary
work="$(mktemp -d)"
trap 'rm -rf "$work"; tmux kill-session -t "$session" 2>/dev/null || true' EXIT
session="lede-keys-$$"
start_lede "$session" "LEDE_FRAME_LOG=$work/frames XDG_CONFIG_HOME=$work XDG_CACHE_HOME=${cache_home:-$work} XDG_DATA_HOME=$work" "$@"
wait_for_first_frame "$session"
if [[ $wait_done == 1 ]]; then wait_until_loaded "$session"; fi

press() { for k in "$@"; do tmux send-keys -t "$session" "$k"; sleep 0.03; done; }
rep() { local n=$1; shift; for ((i = 0; i < n; i++)); do press "$@"; done; }
rep 20 j; rep 10 k; rep 5 Space; rep 3 b; press G g          # the article list
rep 10 J; rep 5 K                                           # article to article
press Enter; rep 10 j; rep 3 C-d; press g                   # the body
press Tab; press a; rep 8 j; press Enter                    # a collection entity
press Escape; press Tab; press Tab; rep 10 n; rep 5 N       # its mentions, across articles
press f; rep 5 j; press f; press a                          # filter by it, and back
press q
for _ in $(seq 100); do [[ -s "$work/frames" ]] && break; sleep 0.05; done
# Keys only (the log ends with the searches' answers, if any).
grep -v " search$" "$work/frames" > "$work/keys" || true
mv "$work/keys" "$work/frames"
echo "slowest: $(sort -rn "$work/frames" | head -n 4 | awk '{ printf "%s %.2f ms; ", $2, $1 / 1000 }')"
sort -n "$work/frames" | awk '
    { t[NR] = $1 / 1000 }
    END {
        if (NR == 0) { print "no key was logged"; exit 1 }
        printf "keys: %d  key to frame ms: median %.2f  p90 %.2f  max %.2f\n",
            NR, t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)], t[NR]
    }'
