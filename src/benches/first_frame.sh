#!/usr/bin/env bash
# Times lede's first frame, as a reader sees it: starts `lede PATH...` in a
# detached 200x60 tmux window, polls `tmux capture-pane` until the article
# list shows an article (the `▶` before the open one), and prints the time
# from the moment lede was started. With --until-done it goes on polling until
# the status line's progress note ("loading…", "analysing N%", "unifying
# names…") is gone, and prints that time too. With --rss it runs lede under
# `/usr/bin/time -v`, quits it once done, and prints its peak resident memory.
#
#   src/benches/first_frame.sh [--runs N] [--until-done] [--rss] [--warm-cache | --cache DIR] PATH...
#
# The binary is $LEDE_BIN, else target/release/lede (build it with
# `cargo build --release` first). Needs tmux. Resolution: one capture-pane
# (a few milliseconds). lede runs with config, cache and reading state
# folders of its own (a fresh reading state and cache each run), so that no
# run reopens where the last one left, nor follows your config. With
# --warm-cache the runs share one cache: the first fills it (as a first start
# does), the others reopen from it. --cache DIR uses DIR as $XDG_CACHE_HOME for
# every run (one filled by `lede index`, say), and leaves it there.
set -euo pipefail

runs=5
until_done=0
rss=0
warm=0
shared_cache=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --until-done) until_done=1; shift ;;
        --rss) rss=1; until_done=1; shift ;;
        --warm-cache) warm=1; shift ;;
        --cache) shared_cache="$2"; shift 2 ;;
        --) shift; break ;;
        *) break ;;
    esac
done
bin="${LEDE_BIN:-target/release/lede}"
[[ -x "$bin" ]] || { echo "no lede binary at $bin (cargo build --release)" >&2; exit 1; }
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

now_ns() { date +%s%N; }

args=""
for a in "$@"; do args+=" $(printf '%q' "$a")"; done

first_ms=()
done_ms=()
for ((run = 1; run <= runs; run++)); do
    session="lede-first-frame-$$-$run"
    wrap=""
    cache="$work/cache-$run"
    [[ $warm == 1 ]] && cache="$work/cache"
    [[ -n $shared_cache ]] && cache="$shared_cache"
    [[ $rss == 1 ]] && wrap="/usr/bin/time -v -o $work/time.txt"
    # The pane writes its own start time just before lede starts.
    tmux new-session -d -s "$session" -x 200 -y 60 -e TERM=xterm-256color \
        "date +%s%N > $work/start; XDG_CONFIG_HOME=$work XDG_CACHE_HOME=$cache XDG_DATA_HOME=$work/data-$run exec $wrap $bin$args"
    while [[ ! -s "$work/start" ]]; do sleep 0.001; done
    deadline=$(( $(now_ns) + 600 * 1000000000 ))
    first=""
    while :; do
        screen="$(tmux capture-pane -p -t "$session" 2>/dev/null || true)"
        t=$(now_ns)
        if [[ -z "$first" && "$screen" == *"▶"* ]]; then
            first=$t
            [[ $until_done == 0 ]] && break
        fi
        status="$(tail -n 1 <<<"$screen")"
        # A status line fully drawn (it starts with " i/n "), without a progress note.
        if [[ -n "$first" ]] && grep -qE "^ [0-9]+/[0-9]+ " <<<"$status" \
            && ! grep -qE "loading [0-9,]+ articles|analysing [0-9]+%|unifying names" <<<"$status"; then
            done_ms+=( $(( (t - $(cat "$work/start")) / 1000000 )) )
            break
        fi
        (( t > deadline )) && { echo "timed out; the screen was:" >&2; echo "$screen" >&2; exit 1; }
        [[ -n "$first" ]] && sleep 0.05
    done
    first_ms+=( $(( (first - $(cat "$work/start")) / 1000000 )) )
    tmux send-keys -t "$session" q
    if [[ $rss == 1 ]]; then
        while [[ ! -s "$work/time.txt" ]]; do sleep 0.05; done
        echo "run $run: peak RSS $(awk -F': ' '/Maximum resident/ {print $2}' "$work/time.txt") kB"
        rm -f "$work/time.txt"
    fi
    sleep 0.2
    tmux kill-session -t "$session" 2>/dev/null || true
    rm -f "$work/start"
done

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
echo "first frame ms: ${first_ms[*]} (median $(median "${first_ms[@]}"))"
if [[ $until_done == 1 ]]; then
    echo "all analysed and unified ms: ${done_ms[*]} (median $(median "${done_ms[@]}"))"
fi
