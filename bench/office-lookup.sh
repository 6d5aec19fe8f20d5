#!/usr/bin/env bash
# Office lookup page benchmark: throughput of GET /tra-cuu/co-quan-bhxh relative to
# GET /healthz (both with wrk, on loopback), plus the page's raw and gzip sizes
# against the 60 KB target. Builds and starts its own Release copy of the app on
# 127.0.0.1 with a throw-away SQLite database. See bench/README.md.
#
#   bash bench/office-lookup.sh
#   DURATION=30s CONNECTIONS=16 bash bench/office-lookup.sh
set -euo pipefail

DURATION="${DURATION:-10s}"        # measured wrk run per URL
WARMUP="${WARMUP:-10s}"            # warm-up wrk run per URL (not reported); <10s leaves the page under-JITted
THREADS="${THREADS:-2}"            # wrk -t
CONNECTIONS="${CONNECTIONS:-32}"   # wrk -c
PORT="${PORT:-}"                   # default: a free port picked at random
TARGET_BYTES="${TARGET_BYTES:-61440}"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-60}"   # seconds to wait for /healthz
VERBOSE="${VERBOSE:-0}"            # 1: also print wrk's full output (stderr)
ACCEPT_ENCODING="${ACCEPT_ENCODING:-}"     # e.g. gzip: wrk sends Accept-Encoding (default: none, uncompressed)

PAGE_PATH=/tra-cuu/co-quan-bhxh
HEALTH_PATH=/healthz

die() { printf 'office-lookup.sh: error: %s\n' "$*" >&2; exit 1; }
note() { printf '  - %s\n' "$*" >&2; }

cd "$(dirname "$0")/.."
REPO_ROOT="$PWD"
[[ -f "$REPO_ROOT/src/Portal.Web/Portal.Web.csproj" ]] || die "cannot find src/Portal.Web/Portal.Web.csproj under $REPO_ROOT"

[[ "$THREADS" =~ ^[1-9][0-9]*$ ]] || die "THREADS must be a positive integer (got '$THREADS')"
[[ "$CONNECTIONS" =~ ^[1-9][0-9]*$ ]] || die "CONNECTIONS must be a positive integer (got '$CONNECTIONS')"
(( CONNECTIONS >= THREADS )) || die "CONNECTIONS ($CONNECTIONS) must be >= THREADS ($THREADS)"
[[ "$DURATION" =~ ^[1-9][0-9]*[smh]?$ ]] || die "DURATION must look like 10s, 1m (got '$DURATION')"
[[ "$WARMUP" =~ ^[0-9]+[smh]?$ ]] || die "WARMUP must look like 3s, or 0 to skip (got '$WARMUP')"
[[ "$STARTUP_TIMEOUT" =~ ^[1-9][0-9]*$ ]] || die "STARTUP_TIMEOUT must be a positive integer (got '$STARTUP_TIMEOUT')"

# --- tools ---------------------------------------------------------------------
command -v dotnet >/dev/null || die "dotnet not found on PATH"
command -v curl >/dev/null || die "curl not found on PATH"
if ! command -v wrk >/dev/null; then
    [[ "$(id -u)" == 0 ]] || die "wrk is not installed; run 'apt-get install -y wrk' as root"
    note "wrk not found, installing the Debian package"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >/dev/null; then
        DEBIAN_FRONTEND=noninteractive apt-get update >/dev/null || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >/dev/null || die "apt-get install -y wrk failed"
    fi
    command -v wrk >/dev/null || die "wrk still not on PATH after apt-get install"
fi

# --- temp dir and cleanup ------------------------------------------------------
source "$REPO_ROOT/bench/lib/app.sh"
bench_temp_dir portal-bench

# --- build ---------------------------------------------------------------------
note "publishing src/Portal.Web (Release) to a temp dir"
if ! dotnet publish "$REPO_ROOT/src/Portal.Web" -c Release -o "$TMP_DIR/app" -nologo -v quiet >"$TMP_DIR/publish.log" 2>&1; then
    tail -n 40 "$TMP_DIR/publish.log" >&2
    die "dotnet publish failed (log tail above)"
fi
[[ -f "$TMP_DIR/app/Portal.Web.dll" ]] || die "publish produced no Portal.Web.dll"

# --- port ----------------------------------------------------------------------
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [[ -z "$PORT" ]]; then
    for _ in $(seq 1 50); do
        candidate=$(( 20000 + RANDOM % 20000 ))
        if ! port_in_use "$candidate"; then PORT=$candidate; break; fi
    done
    [[ -n "$PORT" ]] || die "could not find a free port on 127.0.0.1"
else
    [[ "$PORT" =~ ^[0-9]+$ ]] || die "PORT must be a number (got '$PORT')"
    ! port_in_use "$PORT" || die "port $PORT on 127.0.0.1 is already in use"
fi
BASE="http://127.0.0.1:$PORT"

# --- start the app -------------------------------------------------------------
note "starting the app on $BASE (Production, fresh SQLite database)"
mkdir -p "$TMP_DIR/data"
# cwd = publish dir, so the content root (appsettings.json, wwwroot) is the published app.
# (env, not export: "Microsoft.Hosting.Lifetime" is not a valid shell identifier.)
(
    cd "$TMP_DIR/app"
    exec env \
        ASPNETCORE_ENVIRONMENT=Production \
        DOTNET_ENVIRONMENT=Production \
        Portal__DataDirectory="$TMP_DIR/data" \
        Logging__LogLevel__Default=Warning \
        Logging__LogLevel__Microsoft.Hosting.Lifetime=Warning \
        dotnet "$TMP_DIR/app/Portal.Web.dll" --urls "$BASE"
) >"$TMP_DIR/app.log" 2>&1 &
APP_PID=$!

started=""
for _ in $(seq 1 $(( STARTUP_TIMEOUT * 4 ))); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
        tail -n 40 "$TMP_DIR/app.log" >&2
        die "the app exited during startup (log tail above)"
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE$HEALTH_PATH" || true)
    if [[ "$code" == 200 ]]; then started=1; break; fi
    sleep 0.25
done
if [[ -z "$started" ]]; then
    tail -n 40 "$TMP_DIR/app.log" >&2
    die "$HEALTH_PATH did not answer 200 within ${STARTUP_TIMEOUT}s (last status: ${code:-none})"
fi

page_code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$BASE$PAGE_PATH") || die "curl $PAGE_PATH failed"
[[ "$page_code" == 200 ]] || die "GET $PAGE_PATH answered $page_code, expected 200"

# --- sizes ---------------------------------------------------------------------
raw_bytes=$(curl -s --max-time 10 -o /dev/null -w '%{size_download}' "$BASE$PAGE_PATH") || die "curl (raw) failed"
gzip_headers=$(curl -s --max-time 10 -D - -o /dev/null -H 'Accept-Encoding: gzip' "$BASE$PAGE_PATH") || die "curl (gzip headers) failed"
grep -qiE '^content-encoding:[[:space:]]*gzip[[:space:]]*$' <<<"${gzip_headers//$'\r'/}" \
    || die "GET $PAGE_PATH with 'Accept-Encoding: gzip' did not answer 'Content-Encoding: gzip'; headers were:"$'\n'"$gzip_headers"
gzip_bytes=$(curl -s --max-time 10 -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$BASE$PAGE_PATH") || die "curl (gzip) failed"
# Sanity: the gzip body must decompress to the raw page.
unzipped_bytes=$(curl -s --max-time 10 -H 'Accept-Encoding: gzip' "$BASE$PAGE_PATH" | gzip -dc | wc -c) || unzipped_bytes="?"
if [[ "$unzipped_bytes" != "$raw_bytes" ]]; then
    note "warning: gzip body decompresses to $unzipped_bytes bytes but the raw page is $raw_bytes bytes"
fi
br_bytes=$(curl -s --max-time 10 -H 'Accept-Encoding: br' -o /dev/null -w '%{size_download} %header{content-encoding}' "$BASE$PAGE_PATH" 2>/dev/null || true)

# --- wrk -----------------------------------------------------------------------
# Prints "<req/s> <p99 ms> <avg ms>" for one URL; aborts on socket errors or non-2xx/3xx.
run_wrk() {
    local url=$1 out
    local -a hdr=()
    [[ -z "$ACCEPT_ENCODING" ]] || hdr=(-H "Accept-Encoding: $ACCEPT_ENCODING")
    if [[ "$WARMUP" != 0 && "$WARMUP" != 0[smh] ]]; then
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${hdr[@]}" "$url" >/dev/null 2>&1 || die "wrk warm-up against $url failed"
    fi
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${hdr[@]}" "$url" 2>&1) || { printf '%s\n' "$out" >&2; die "wrk against $url failed"; }
    if [[ "$VERBOSE" == 1 ]]; then printf '%s\n' "$out" >&2; fi
    if grep -q 'Non-2xx or 3xx responses' <<<"$out" || grep -q 'Socket errors' <<<"$out"; then
        printf '%s\n' "$out" >&2
        die "wrk saw errors against $url (output above)"
    fi
    awk '
        function ms(v,   n) {
            n = v + 0
            if (v ~ /us$/) return n / 1000
            if (v ~ /ms$/) return n
            if (v ~ /m$/)  return n * 60000
            if (v ~ /s$/)  return n * 1000
            return n
        }
        /^[[:space:]]+Latency[[:space:]]+[0-9]/ { avg = ms($2) }
        /^[[:space:]]+99%/                { p99 = ms($2) }
        /^Requests\/sec:/                 { rps = $2 }
        END {
            if (rps == "") exit 1
            printf "%s %.2f %.2f\n", rps, p99, avg
        }' <<<"$out" || { printf '%s\n' "$out" >&2; die "could not parse wrk output for $url"; }
}

note "wrk -t$THREADS -c$CONNECTIONS: warm-up $WARMUP, measure $DURATION per URL"
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
page_result=$(run_wrk "$BASE$PAGE_PATH") || exit 1
read -r page_rps page_p99 page_avg <<<"$page_result"
health_result=$(run_wrk "$BASE$HEALTH_PATH") || exit 1
read -r health_rps health_p99 health_avg <<<"$health_result"

share=$(awk -v a="$page_rps" -v b="$health_rps" 'BEGIN { if (b > 0) printf "%.1f", 100 * a / b; else print "n/a" }')
if (( gzip_bytes <= TARGET_BYTES )); then verdict=OK; else verdict="OVER by $(( gzip_bytes - TARGET_BYTES )) bytes"; fi

echo
printf 'office page  %-22s: %s req/s (avg %s ms, p99 %s ms)\n' "$PAGE_PATH" "$page_rps" "$page_avg" "$page_p99"
printf 'health check %-22s: %s req/s (avg %s ms, p99 %s ms)\n' "$HEALTH_PATH" "$health_rps" "$health_avg" "$health_p99"
printf '%-35s: %s %%\n' 'office page / healthz' "$share"
printf '%-35s: %s bytes raw, %s bytes gzip (target <= %s: %s)\n' 'office page size' "$raw_bytes" "$gzip_bytes" "$TARGET_BYTES" "$verdict"
if [[ "$br_bytes" == *" br" ]]; then
    printf '%-35s: %s bytes brotli (informational)\n' '' "${br_bytes% br}"
fi
printf '%-35s: wrk -t%s -c%s -d%s (warm-up %s), Accept-Encoding: %s, %s cores, load avg before %s\n' \
    'settings' "$THREADS" "$CONNECTIONS" "$DURATION" "$WARMUP" "${ACCEPT_ENCODING:-none}" "$(nproc 2>/dev/null || echo '?')" "$load_before"
