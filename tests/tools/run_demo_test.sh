#!/usr/bin/env bash
# `make run`'s script: a fresh demo database gets both workspaces and the demo owner, who can sign
# in to the API; the server answers on the port it prints.
# Usage: run_demo_test.sh PATH/TO/frontdesk
set -euo pipefail
bin=${1:?usage: run_demo_test.sh FRONTDESK}
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d)
pid=
# Stops the server: SIGTERM, then SIGKILL if it has not exited within 30 seconds.
cleanup() {
  if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT

# The file exists before the loop reads it (the background job may not have opened it yet).
: > "$dir/out"
FRONTDESK_SERVER_PORT=0 "$root/scripts/run-demo" "$bin" "$dir/demo.db" >> "$dir/out" 2>&1 &
pid=$!
port=
for _ in $(seq 1 1200); do  # up to a minute on a loaded machine
  port=$(sed -n 's/^frontdesk serving on http:\/\/127.0.0.1:\([0-9]*\)$/\1/p' "$dir/out")
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { echo "FAIL: the server did not start"; cat "$dir/out"; exit 1; }

grep -q 'password frontdesk-demo' "$dir/out" || { echo "FAIL: no sign-in hint"; exit 1; }
answer=$(curl -s --max-time 20 -w ' %{http_code}' -H 'Content-Type: application/json' \
  "http://127.0.0.1:$port/api/v1/auth/login" \
  -d '{"email": "owner@casa-verde.example", "password": "frontdesk-demo"}')
case "$answer" in
  *'"email":"owner@casa-verde.example"'*' 200') ;;
  *) echo "FAIL: the demo owner cannot sign in: $answer"; exit 1 ;;
esac
echo "run_demo_test: passed"
