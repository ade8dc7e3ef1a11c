# Shared by the shell tests that start article-server and speak HTTP to it. Sourced, not
# run. Provides $work (a scratch folder, removed at exit with every process in $pids),
# fail, serve, start_on_free_port and answer.

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# serve SERVER DB NAME [options...]: starts article-server on DB at a free loopback port,
# logging to $work/NAME.{out,err}; sets $started_port and $started_pid (up to 5 s).
serve() {
  local server=$1 db=$2 name=$3
  shift 3
  "$server" --db "$db" --port 0 "$@" >"$work/$name.out" 2>"$work/$name.err" &
  started_pid=$!
  pids+=("$started_pid")
  started_port=
  for _ in $(seq 1 100); do
    started_port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/$name.out")
    [ -n "$started_port" ] && return 0
    sleep 0.05
  done
  fail "$name server printed no URL: $(cat "$work/$name.err")"
}

# answer PORT QUERY: the search answer without its timing, which differs from run to run.
answer() {
  curl -sf --max-time 10 "http://127.0.0.1:$1/api/search?$2" | sed 's/"took_ms":[0-9.e+-]*//'
}

# start_on_free_port START READY: for servers that cannot take port 0. Up to ten times,
# picks a free-looking loopback port, runs `START PORT` in the background (START ends by
# exec-ing the server, so its pid is the server's) and `READY PORT PID`; keeps the first
# server that is ready (its pid in $pids, its port in $free_port). Returns 1 if none was.
start_on_free_port() {
  local start=$1 ready=$2 port pid
  free_port=
  for _ in $(seq 1 10); do
    port=$((20000 + RANDOM % 20000))
    "$start" "$port" &
    pid=$!
    if "$ready" "$port" "$pid"; then
      pids+=("$pid")
      free_port=$port
      return 0
    fi
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  return 1
}
