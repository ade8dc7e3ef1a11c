# shellcheck shell=bash
# Sourced by scripts/checks/50-container.sh: running containers and checking their answers.
# Every wait is bounded; every container, volume and image made is removed by the caller.

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

expect_eq() {
  [ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"
  echo "ok: $3 is '$2'"
}

# Passes podman's messages on, less the systemd-timer noise of machines without systemd.
quiet_podman() {
  grep -v 'systemd connection' >&2 || true
}

# The container's full name: unique to this run, so parallel runs never collide.
cname() { echo "article-search-check-$$-$1"; }

# start_container NAME IMAGE [podman run options...]: runs IMAGE detached, port 8080
# published on a free loopback port.
start_container() {
  local name image
  name=$(cname "$1")
  image="$2"
  shift 2
  CONTAINERS+=("$name")
  podman rm -f -v -t 0 "$name" >/dev/null 2>&1 || true
  # stderr filtered: without systemd, podman reports that it cannot add healthcheck timers
  # (`podman healthcheck run` works all the same).
  podman run -d --name "$name" -p 127.0.0.1::8080 "$@" "$image" 2>&1 >/dev/null \
    | quiet_podman || fail "podman run $name failed"
}

container_url() {
  local address
  address=$(podman port "$(cname "$1")" 8080/tcp | head -n 1)
  [ -n "$address" ] || fail "no published port for $1"
  echo "http://${address/0.0.0.0/127.0.0.1}"
}

show_logs() {
  echo "--- logs of $1:" >&2
  podman logs "$(cname "$1")" 2>&1 | tail -n 30 >&2
}

# wait_healthy_http BASE NAME: waits (at most 90 s) until BASE/health answers 200.
wait_healthy_http() {
  local base="$1" name="$2" i
  for ((i = 0; i < 180; i++)); do
    if curl -fsS --max-time 2 -o /dev/null "$base/health" 2>/dev/null; then
      echo "ok: $name answers /health after $((i / 2)) s"
      return 0
    fi
    if [ "$(podman inspect --format '{{.State.Running}}' "$(cname "$name")")" != true ]; then
      show_logs "$name"
      fail "container $name exited before answering"
    fi
    sleep 0.5
  done
  show_logs "$name"
  fail "container $name did not answer /health within 90 s"
}

get_json() {
  curl -fsS --max-time 10 -o "$2" "$1" || fail "GET $1 failed"
}

# json_check FILE EXPRESSION WHAT: EXPRESSION is JavaScript over the parsed JSON `r`.
json_check() {
  if ! EXPR="$2" node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      process.exit(new Function("r", "return (" + process.env.EXPR + ");")(r) ? 0 : 1);' "$1"; then
    head -c 1500 "$1" >&2
    echo >&2
    fail "$3"
  fi
  echo "ok: $3"
}

# The server process must not run as root, inside or (rootful podman) on the host.
expect_non_root() {
  local name uid pid
  name=$(cname "$1")
  uid=$(podman exec "$name" id -u)
  [ "$uid" != 0 ] || fail "the server runs as root in $1"
  pid=$(podman inspect --format '{{.State.Pid}}' "$name")
  [ "$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")" != 0 ] || fail "PID $pid runs as root"
  grep -q article-server <<<"$(podman top "$name" user,args)" || fail "article-server is not PID 1's process"
  echo "ok: the server runs as uid $uid"
}

# stop_cleanly NAME: `podman stop` must end the server by SIGTERM, exit status 0, in < 5 s.
stop_cleanly() {
  local name start elapsed_ms code
  name=$(cname "$1")
  start=$(date +%s%N)
  timeout 30 podman stop -t 10 "$name" 2>&1 >/dev/null | quiet_podman || fail "podman stop $1 failed"
  elapsed_ms=$((($(date +%s%N) - start) / 1000000))
  code=$(podman inspect --format '{{.State.ExitCode}}' "$name")
  if [ "$code" != 0 ] || [ "$elapsed_ms" -ge 5000 ]; then
    show_logs "$1"
    fail "podman stop $1: exit status $code after $elapsed_ms ms (want 0 within 5000 ms)"
  fi
  echo "ok: podman stop $1: exit status 0 after $elapsed_ms ms"
  podman rm -v "$name" 2>&1 >/dev/null | quiet_podman
}

write_article() {
  printf '# %s\n\n%s\n' "$2" "$3" >"$1"
}

# Removes the images (build cache included) that did not exist when FILE was written.
remove_images_made_since() {
  local new
  for _ in 1 2 3; do
    new=$(podman images -a -q --no-trunc | sort -u | comm -13 "$1" -)
    [ -n "$new" ] || return 0
    # shellcheck disable=SC2086 # one word per image id
    podman rmi -f $new >/dev/null 2>&1 || true
  done
}
