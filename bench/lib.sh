# Shared by the bench scripts that serve a database: a scratch folder, and article-server
# on a free loopback port. Source it after setting BUILD (the build folder).

# bench_dir NAME: a fresh temporary folder in RUN, removed on exit with any server started.
bench_dir() {
  RUN="$(mktemp -d "${TMPDIR:-/tmp}/$1-XXXXXX")"
  SERVER_PID=""
  trap bench_cleanup EXIT
}

bench_cleanup() {
  stop_server
  rm -rf "$RUN"
}

# start_server DB [OPTION...]: article-server over DB on 127.0.0.1 (port 0: it picks one and
# prints it), its log in $RUN/server.log. Sets PORT and SERVER_PID once /health answers.
start_server() {
  local db="$1"
  shift
  "$BUILD/server/article-server" --db "$db" --host 127.0.0.1 --port 0 "$@" \
    >"$RUN/server.out" 2>>"$RUN/server.log" &
  SERVER_PID=$!
  PORT=""
  for _ in $(seq 100); do
    PORT="$(grep -o 'http://127.0.0.1:[0-9]*' "$RUN/server.out" | cut -d: -f3 || true)"
    [ -n "$PORT" ] && curl -sf -o /dev/null "http://127.0.0.1:$PORT/health" && return 0
    sleep 0.1
  done
  echo "$(basename "$0"): article-server did not start: $(tail -5 "$RUN/server.log")" >&2
  exit 1
}

stop_server() {
  if [ -n "${SERVER_PID:-}" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
