#!/usr/bin/env bash
# Several search servers behind nginx, with docker/nginx-load-balancer.conf as
# docs/scaling-out.md ships it (only the addresses changed to loopback ones). Checks that
# answers through nginx are the instances' own; that both instances get requests; that an
# instance which lost its index (503) is skipped and so is one that was killed; and that
# `article-server --health-check` tells the healthy instance from the broken one. Every
# wait is bounded.
# Usage: load_balancer_test.sh ARTICLE_SERVER ARTICLE_INDEXER CORPUS_DIR NGINX_CONF NGINX
set -euo pipefail
server=$1 indexer=$2 corpus=$3 lb_conf=$4 nginx=$5
source "$(dirname "${BASH_SOURCE[0]}")/../support/server_test_lib.sh"

"$indexer" --db "$work/db-a" "$corpus" >/dev/null
cp -a "$work/db-a" "$work/db-b"

serve "$server" "$work/db-a" a --threads 8
port_a=$started_port pid_a=$started_pid
serve "$server" "$work/db-b" b --threads 8
port_b=$started_port

# The shipped configuration with loopback addresses: the two instances, and nginx's own
# port (nginx cannot take port 0: try free-looking ports until one binds).
upstreams="server 127.0.0.1:$port_a max_fails=3 fail_timeout=10s;\n    server 127.0.0.1:$port_b max_fails=3 fail_timeout=10s;"
grep -c '^    server 10\.0\.0\.1[12]:8080 ' "$lb_conf" | grep -qx 2 || fail "$lb_conf: upstream lines changed"
grep -q '^    listen 80;$' "$lb_conf" || fail "$lb_conf: listen line changed"
mkdir -p "$work/nginx/tmp"
start_nginx() {
  awk -v up="$upstreams" -v listen="    listen 127.0.0.1:$1;" '
    /^    server 10\.0\.0\.11:8080 / { gsub(/\\n/, "\n", up); print up; next }
    /^    server 10\.0\.0\.12:8080 / { next }
    /^    listen 80;$/ { print listen; next }
    { print }' "$lb_conf" >"$work/nginx/article-search.conf"
  cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp; proxy_temp_path $work/nginx/tmp;
  fastcgi_temp_path $work/nginx/tmp; uwsgi_temp_path $work/nginx/tmp; scgi_temp_path $work/nginx/tmp;
  include $work/nginx/article-search.conf;
}
EOF
  exec "$nginx" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' 2>>"$work/nginx/start.log"
}
answers_health() {
  for _ in $(seq 1 50); do
    curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$1/health" && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
start_on_free_port start_nginx answers_health || true
nginx_port=$free_port
[ -n "$nginx_port" ] || fail "nginx did not start: $(cat "$work/nginx/start.log" "$work/nginx/error.log" 2>/dev/null)"

searches_served() {
  curl -sf --max-time 10 "http://127.0.0.1:$1/metrics" |
    awk 'index($0, "article_search_requests_total{route=\"/api/search\",status=\"200\"} ") == 1 {print $2}'
}
queries=('q=kaspersky' 'q=the&per_page=100' 'q=title:ban' 'q=%22search+engine%22' 'q=xyzzyplugh')
for query in "${queries[@]}"; do
  direct=$(answer "$port_a" "$query") || fail "instance a: $query"
  balanced=$(answer "$nginx_port" "$query") || fail "through nginx: $query"
  [ "$direct" = "$balanced" ] || fail "through nginx differs from the instance for $query"
done
[[ "$(answer "$nginx_port" 'q=kaspersky')" == *'"id":'* ]] || fail "no hits to compare"
for _ in $(seq 1 20); do answer "$nginx_port" 'q=kaspersky' >/dev/null || fail "through nginx"; done
a_before=$(searches_served "$port_a") b_before=$(searches_served "$port_b")
[ "${a_before:-0}" -gt 5 ] && [ "${b_before:-0}" -gt 0 ] ||
  fail "nginx did not spread the searches: a served ${a_before:-0}, b ${b_before:-0}"

# Instance a loses its index: it answers 503, and nginx hands its requests to b.
rm -rf "$work/db-a"
status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$port_a/api/search?q=kaspersky")
[ "$status" = 503 ] || fail "instance a without its index answered $status, not 503"
if "$server" --health-check "$port_a" >/dev/null 2>&1; then fail "--health-check passed instance a"; fi
"$server" --health-check "$port_b" >/dev/null || fail "--health-check failed instance b"
for _ in $(seq 1 10); do
  [[ "$(answer "$nginx_port" 'q=kaspersky')" == *'"id":'* ]] || fail "nginx passed on a 503"
done

# Instance a is killed: the connection is refused, and nginx still answers from b.
{ kill -9 "$pid_a" && wait "$pid_a"; } 2>/dev/null || true
for _ in $(seq 1 10); do
  [[ "$(answer "$nginx_port" 'q=kaspersky')" == *'"id":'* ]] || fail "nginx failed with instance a down"
done
b_after=$(searches_served "$port_b")
[ "$((b_after - b_before))" -ge 20 ] || fail "instance b served $((b_after - b_before)) of the 20 failed-over searches"
echo "ok"
