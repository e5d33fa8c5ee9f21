# What the tmux benchmark scripts share (sourced, not run): the lede binary
# to time, and a lede started in a detached 200x60 window with folders of
# its own, then waited for.
#
#   source "$(dirname "$0")/tmux_lede.sh"
#   lede_binary                      # sets $bin: $LEDE_BIN, else target/release/lede
#   start_lede SESSION ENV PATH...   # ENV: extra NAME=value words before lede
#   wait_for_first_frame SESSION     # an article shows
#   wait_until_loaded SESSION        # no progress note in the status line

lede_binary() {
    bin="${LEDE_BIN:-target/release/lede}"
    [[ -x "$bin" ]] || { echo "no lede binary at $bin (cargo build --release)" >&2; exit 1; }
    bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
}

start_lede() {
    local session="$1" env="$2"
    shift 2
    local args=""
    for a in "$@"; do args+=" $(printf '%q' "$a")"; done
    tmux new-session -d -s "$session" -x 200 -y 60 -e TERM=xterm-256color "$env exec $bin$args"
}

wait_for_first_frame() {
    until tmux capture-pane -p -t "$1" | grep -q "▶"; do sleep 0.02; done
}

wait_until_loaded() {
    while tmux capture-pane -p -t "$1" | tail -n 1 \
        | grep -qE "loading [0-9,]+ articles|analysing [0-9]+%|unifying names"; do
        sleep 0.2
    done
}
