#!/usr/bin/env bash
# Start-up and memory of the Release build on SQLite with an empty data folder:
#   - seconds from launching `dotnet Portal.Web.dll` to the first 200 of GET / (migrations and the seed of the
#     ~11,000 administrative units included), RUNS times, each on a new empty folder; the median is reported;
#   - RSS (VmRSS) idle, SETTLE seconds after the first page;
#   - RSS under CONNECTIONS keep-alive connections (wrk -c, default 1,000) on GET /dang-ky for DURATION: the peak of
#     VmRSS sampled every 0.2 s, and VmRSS SETTLE seconds after the load.
# Goals (issue 15): start-up <= 5 s, RSS idle <= 150 MB, under 1,000 connections <= 300 MB. See bench/README.md.
#
#   bash bench/startup-memory.sh
#   RUNS=5 CONNECTIONS=1000 DURATION=30s bash bench/startup-memory.sh
#   APP_ENV="DOTNET_gcServer=0" bash bench/startup-memory.sh      # try a runtime setting without rebuilding
#   APP_DIR=/tmp/published bash bench/startup-memory.sh           # use an existing `dotnet publish -c Release` output
set -euo pipefail

RUNS="${RUNS:-3}"
SETTLE="${SETTLE:-10}"
CONNECTIONS="${CONNECTIONS:-1000}"
THREADS="${THREADS:-2}"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-10s}"            # wrk with 32 connections first, so the JIT has settled on the page
PAGE="${PAGE:-/dang-ky}"
APP_DIR="${APP_DIR:-}"
APP_ENV="${APP_ENV:-}"             # extra VAR=VALUE settings for the app, space-separated
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-90}"

die() { printf 'startup-memory.sh: error: %s\n' "$*" >&2; exit 1; }
note() { printf '  - %s\n' "$*" >&2; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
[[ "$CONNECTIONS" =~ ^[1-9][0-9]*$ ]] || die "CONNECTIONS must be a positive integer (got '$CONNECTIONS')"

cd "$(dirname "$0")/.."
REPO_ROOT="$PWD"
source bench/lib/postgres.sh   # free_port, port_in_use
command -v dotnet >/dev/null || die "dotnet not found on PATH"
command -v curl >/dev/null || die "curl not found on PATH"
if ! command -v wrk >/dev/null; then
    [[ "$(id -u)" == 0 ]] || die "wrk is not installed; run 'apt-get install -y wrk' as root"
    DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >/dev/null 2>&1 \
        || { apt-get update >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >/dev/null; } || die "apt-get install -y wrk failed"
fi
(( $(ulimit -n) > CONNECTIONS + 100 )) || ulimit -n $(( CONNECTIONS * 2 + 1000 )) 2>/dev/null || die "ulimit -n $(ulimit -n) is too low for $CONNECTIONS connections"

source bench/lib/app.sh
bench_temp_dir portal-startup

publish_app

rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo '?'; }

# start_app N: launches on a new empty data folder; sets APP_PID, BASE and STARTUP_S (launch to the first 200 of GET /).
start_app() {
    local n=$1 port t0 t1 code=""
    port=$(free_port); BASE="http://127.0.0.1:$port"
    mkdir -p "$TMP_DIR/data-$n"
    t0=$(date +%s.%N)
    (
        cd "$APP_DIR"
        # shellcheck disable=SC2086 # APP_ENV is a list of VAR=VALUE
        exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
            Portal__DataDirectory="$TMP_DIR/data-$n" \
            Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.Hosting.Lifetime=Warning \
            $APP_ENV dotnet "$APP_DIR/Portal.Web.dll" --urls "$BASE"
    ) >"$TMP_DIR/app-$n.log" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 $(( STARTUP_TIMEOUT * 20 ))); do
        kill -0 "$APP_PID" 2>/dev/null || { tail -n 40 "$TMP_DIR/app-$n.log" >&2; die "the app exited during start-up"; }
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/" || true)
        [[ "$code" == 200 ]] && break
        sleep 0.05
    done
    t1=$(date +%s.%N)
    [[ "$code" == 200 ]] || { tail -n 40 "$TMP_DIR/app-$n.log" >&2; die "GET / did not answer 200 within ${STARTUP_TIMEOUT}s"; }
    STARTUP_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
    # CPU seconds the process used until then (user + system): on a shared machine the steadier figure.
    STARTUP_CPU=$(awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$APP_PID/stat")
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
startups=(); cpus=()
for n in $(seq 1 "$RUNS"); do
    start_app "$n"
    startups+=("$STARTUP_S"); cpus+=("$STARTUP_CPU")
    note "run $n: first page after $STARTUP_S s ($STARTUP_CPU s of CPU)"
    if (( n < RUNS )); then stop_app; fi
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
startup_median=$(median "${startups[@]}")
cpu_median=$(median "${cpus[@]}")

# The last run's app stays up: idle RSS, then the keep-alive load.
sleep "$SETTLE"
rss_idle=$(rss_mb "$APP_PID")
hwm_start=$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$APP_PID/status")
note "idle: VmRSS $rss_idle MB (peak during start-up $hwm_start MB)"

[[ "$WARMUP" == 0 ]] || wrk -t"$THREADS" -c32 -d"$WARMUP" "$BASE$PAGE" >/dev/null 2>&1 || die "wrk warm-up failed"
sleep 2
rss_before_load=$(rss_mb "$APP_PID")
peak_file="$TMP_DIR/peak"; echo 0 >"$peak_file"
(
    peak=0
    while kill -0 "$APP_PID" 2>/dev/null; do
        kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$APP_PID/status" 2>/dev/null || echo 0)
        (( kb > peak )) && { peak=$kb; echo "$peak" >"$peak_file"; }
        sleep 0.2
    done
) &
SAMPLER=$!
wrk_out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "$BASE$PAGE" 2>&1) || { printf '%s\n' "$wrk_out" >&2; die "wrk failed"; }
kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true
rss_peak=$(awk '{ printf "%.1f", $1 / 1024 }' "$peak_file")
rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$wrk_out")
errors=$(awk '/Socket errors/ { gsub(",", ""); s = $4 + $6 + $8 + $10 } /Non-2xx/ { n = $NF } END { print s + n + 0 }' <<<"$wrk_out")
sleep "$SETTLE"
rss_after=$(rss_mb "$APP_PID")
gc_mode=$(awk -F'[:,]' '/"System.GC.Server"/ { gsub(/ /, "", $2); print ($2 == "true" ? "server GC" : "workstation GC") }' "$APP_DIR/Portal.Web.runtimeconfig.json")
[[ -n "$gc_mode" ]] || gc_mode="GC per runtimeconfig default"
[[ "$APP_ENV" != *gcServer=0* ]] || gc_mode="workstation GC (DOTNET_gcServer=0)"

verdict() { awk -v v="$1" -v g="$2" 'BEGIN { print (v <= g ? "met" : "missed") }'; }
echo
printf '%-34s: %s s median (%s), goal <= 5 s: %s\n' 'start-up to the first page' "$startup_median" "${startups[*]}" "$(verdict "$startup_median" 5)"
printf '%-34s: %s s median (%s) of user + system time of the process\n' 'CPU used until the first page' "$cpu_median" "${cpus[*]}"
printf '%-34s: %s MB, goal <= 150 MB: %s\n' 'RSS idle' "$rss_idle" "$(verdict "$rss_idle" 150)"
printf '%-34s: %s MB peak (%s MB before, %s MB %s s after), goal <= 300 MB: %s\n' "RSS under $CONNECTIONS keep-alive connections" \
    "$rss_peak" "$rss_before_load" "$rss_after" "$SETTLE" "$(verdict "$rss_peak" 300)"
printf '%-34s: GET %s, wrk -t%s -c%s -d%s: %s req/s, %s errors/timeouts\n' 'load' "$PAGE" "$THREADS" "$CONNECTIONS" "$DURATION" "$rps" "$errors"
printf '%-34s: Release, SQLite, Production, %s%s, %s cores, load avg before %s\n' 'settings' "$gc_mode" "${APP_ENV:+, $APP_ENV}" "$(nproc)" "$load_before"
echo "RESULT startup_s=$startup_median startup_cpu_s=$cpu_median rss_idle_mb=$rss_idle rss_1000_mb=$rss_peak connections=$CONNECTIONS keepalive_rps=$rps keepalive_errors=$errors"
