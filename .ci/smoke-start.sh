#!/usr/bin/env bash
# Builds and starts the app as `npm start` does, on a spare port. Checks that the sign-in page
# and a sign-up work, then stops the app with SIGTERM and checks that it exits cleanly.
set -euo pipefail

port=${SMOKE_PORT:-3917}
data_dir=$(mktemp -d)
log=$(mktemp)
base="http://127.0.0.1:$port"

npm run --silent build
DATA_DIR="$data_dir" FERRETDB_BIN="$PWD/.data/bin/ferretdb" PORT=$port NODE_ENV=production node dist/main.js >"$log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true; rm -rf "$data_dir"' EXIT

for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$base/login" 2>/dev/null && break
  sleep 0.2
done

curl -fsS "$base/login" | grep -q '<h1>Sign in</h1>'
status=$(curl -sS -o /dev/null -w '%{http_code}' -d 'username=SmokeTest&password=smoke-secret' "$base/signup")
[ "$status" = 302 ] || { echo "sign-up returned $status"; cat "$log"; exit 1; }

kill -TERM "$app"
wait "$app"
grep -q '"msg":"stopped"' "$log" || { echo "the app did not log a clean stop"; cat "$log"; exit 1; }
echo "npm start: served $base, signed up a user, stopped cleanly"
