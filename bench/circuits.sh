#!/usr/bin/env bash
# Server memory per connected staff circuit on the queue page /can-bo/tiep-nhan: publishes and starts the app
# (Development environment, for its demo accounts) on a throw-away SQLite database, signs in once as canbo.dongda
# in Debian's Chromium, opens one warm-up tab, reads the app's VmRSS, opens TABS more tabs in the same browser
# context (each waits for its circuit: [data-interactive=true]) and reads VmRSS again. See bench/README.md.
#
#   bash bench/circuits.sh
#   TABS=50 SETTLE=5 bash bench/circuits.sh
set -euo pipefail

TABS="${TABS:-200}"                    # circuits opened after the warm-up tab
SETTLE="${SETTLE:-10}"                 # seconds to wait before each RSS reading
CAPTCHA_CODE="${CAPTCHA_CODE:-HK4RW}"  # Captcha:FixedCode given to the app
STAFF_USER="${STAFF_USER:-canbo.dongda}"
STAFF_PASSWORD="${STAFF_PASSWORD:-CanBoDongDa2026}"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-60}"

die() { printf 'circuits.sh: error: %s\n' "$*" >&2; exit 1; }
note() { printf '  - %s\n' "$*" >&2; }

cd "$(dirname "$0")/.."
REPO_ROOT="$PWD"
[[ "$TABS" =~ ^[1-9][0-9]*$ ]] || die "TABS must be a positive integer (got '$TABS')"
[[ "$SETTLE" =~ ^[0-9]+$ ]] || die "SETTLE must be a whole number of seconds (got '$SETTLE')"
command -v dotnet >/dev/null || die "dotnet not found on PATH"
command -v curl >/dev/null || die "curl not found on PATH"
[[ -x /usr/bin/chromium ]] || die "Debian's Chromium is missing: apt-get install -y chromium"

source "$REPO_ROOT/bench/lib/app.sh"
bench_temp_dir portal-bench

note "publishing src/Portal.Web and building bench/CircuitBench (Release)"
if ! dotnet publish "$REPO_ROOT/src/Portal.Web" -c Release -o "$TMP_DIR/app" -nologo -v quiet >"$TMP_DIR/publish.log" 2>&1; then
    tail -n 40 "$TMP_DIR/publish.log" >&2; die "dotnet publish failed (log tail above)"
fi
if ! dotnet build "$REPO_ROOT/bench/CircuitBench" -c Release -nologo -v quiet >"$TMP_DIR/build.log" 2>&1; then
    tail -n 40 "$TMP_DIR/build.log" >&2; die "dotnet build bench/CircuitBench failed (log tail above)"
fi

source "$REPO_ROOT/bench/lib/postgres.sh"   # free_port
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"

note "starting the app on $BASE (Development, fresh SQLite database)"
mkdir -p "$TMP_DIR/data"
(
    cd "$TMP_DIR/app"
    exec env \
        ASPNETCORE_ENVIRONMENT=Development \
        DOTNET_ENVIRONMENT=Development \
        Portal__DataDirectory="$TMP_DIR/data" \
        Logging__LogLevel__Default=Warning \
        Logging__LogLevel__Microsoft.Hosting.Lifetime=Warning \
        Captcha__FixedCode="$CAPTCHA_CODE" \
        RateLimits__LoginPerMinute=1000 \
        dotnet "$TMP_DIR/app/Portal.Web.dll" --urls "$BASE"
) >"$TMP_DIR/app.log" 2>&1 &
APP_PID=$!

code=""
for _ in $(seq 1 $(( STARTUP_TIMEOUT * 4 ))); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then tail -n 40 "$TMP_DIR/app.log" >&2; die "the app exited during startup (log tail above)"; fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/healthz" || true)
    [[ "$code" == 200 ]] && break
    sleep 0.25
done
[[ "$code" == 200 ]] || { tail -n 40 "$TMP_DIR/app.log" >&2; die "/healthz did not answer 200 within ${STARTUP_TIMEOUT}s"; }

# APP_PID is the subshell that exec'd dotnet, so it is the app's own process.
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
if ! dotnet "$REPO_ROOT/bench/CircuitBench/bin/Release/net10.0/CircuitBench.dll" --base "$BASE" --pid "$APP_PID" \
        --user "$STAFF_USER" --password "$STAFF_PASSWORD" --captcha "$CAPTCHA_CODE" --tabs "$TABS" --settle "$SETTLE"; then
    tail -n 40 "$TMP_DIR/app.log" >&2
    die "the circuit run failed (app log tail above)"
fi
printf '%-29s: %s cores, load avg before %s, server GC (the web SDK default)\n' 'settings' "$(nproc 2>/dev/null || echo '?')" "$load_before"
