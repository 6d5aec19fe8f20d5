#!/usr/bin/env bash
# Page throughput as a share of a static file's, in one run of the Release build (Production, a new SQLite
# database): GET /css/site.css (the static file), the registration pages GET /dang-ky and GET /dang-ky/to-khai/1
# (Mẫu 01's first step, with the draft cookie a citizen has there), and the office lookup page
# GET /tra-cuu/co-quan-bhxh, each with wrk after a warm-up long enough for the JIT to settle. Prints each page's
# requests/s, its share of the static file's, its p99, and the office page's gzip size. See bench/README.md.
#
#   bash bench/pages.sh
#   DURATION=20s WARMUP=20s ACCEPT_ENCODING=gzip bash bench/pages.sh
#   APP_DIR=/tmp/published bash bench/pages.sh      # an existing `dotnet publish -c Release` output
set -euo pipefail

DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-10s}"             # per URL; the office page needs about 10 s on 2 cores (office-lookup.sh)
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
ACCEPT_ENCODING="${ACCEPT_ENCODING:-gzip}"   # as a browser; "none" for uncompressed
APP_DIR="${APP_DIR:-}"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-90}"
STATIC_PATH=/css/site.css

die() { printf 'pages.sh: error: %s\n' "$*" >&2; exit 1; }
note() { printf '  - %s\n' "$*" >&2; }

cd "$(dirname "$0")/.."
REPO_ROOT="$PWD"
source bench/lib/postgres.sh   # free_port
command -v dotnet >/dev/null || die "dotnet not found on PATH"
command -v curl >/dev/null || die "curl not found on PATH"
command -v wrk >/dev/null || die "wrk is not installed: apt-get install -y wrk"

source "$REPO_ROOT/bench/lib/app.sh"
bench_temp_dir portal-pages

publish_app

PORT=$(free_port); BASE="http://127.0.0.1:$PORT"
mkdir -p "$TMP_DIR/data"
(
    cd "$APP_DIR"
    exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Portal__DataDirectory="$TMP_DIR/data" \
        Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.Hosting.Lifetime=Warning \
        dotnet "$APP_DIR/Portal.Web.dll" --urls "$BASE"
) >"$TMP_DIR/app.log" 2>&1 &
APP_PID=$!
code=""
for _ in $(seq 1 $(( STARTUP_TIMEOUT * 4 ))); do
    kill -0 "$APP_PID" 2>/dev/null || { tail -n 40 "$TMP_DIR/app.log" >&2; die "the app exited during start-up"; }
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/healthz" || true)
    [[ "$code" == 200 ]] && break
    sleep 0.25
done
[[ "$code" == 200 ]] || { tail -n 40 "$TMP_DIR/app.log" >&2; die "/healthz did not answer 200 within ${STARTUP_TIMEOUT}s"; }

# A citizen's draft: GET /dang-ky, post its form (Kind=Individual) with its hidden fields; the cookies then open step 1.
jar="$TMP_DIR/cookies"
start_page=$(curl -s -c "$jar" -b "$jar" "$BASE/dang-ky")
form_args=()
while IFS=$'\t' read -r name value; do form_args+=(-F "$name=$value"); done < <(
    grep -oE '<input[^>]*type="hidden"[^>]*>' <<<"$start_page" \
        | sed -nE 's/.*name="([^"]+)".*value="([^"]*)".*/\1\t\2/p')
(( ${#form_args[@]} > 0 )) || die "GET /dang-ky shows no form with hidden fields"
location=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" "${form_args[@]}" -F Kind=Individual "$BASE/dang-ky")
[[ "$location" == */dang-ky/to-khai/1 ]] || die "POST /dang-ky redirected to '$location', not to /dang-ky/to-khai/1"
cookie_header=$(awk -F'\t' '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")
step1_code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie_header" "$BASE/dang-ky/to-khai/1")
[[ "$step1_code" == 200 ]] || die "GET /dang-ky/to-khai/1 with the draft cookie answered $step1_code"

# run_wrk PATH [header...]: prints "<req/s> <p99 ms>"; fails on socket errors or non-2xx/3xx answers.
run_wrk() {
    local path=$1 out; shift
    local -a hdr=()
    [[ "$ACCEPT_ENCODING" == none ]] || hdr+=(-H "Accept-Encoding: $ACCEPT_ENCODING")
    for h in "$@"; do hdr+=(-H "$h"); done
    [[ "$WARMUP" == 0 ]] || wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${hdr[@]}" "$BASE$path" >/dev/null 2>&1 || die "wrk warm-up of $path failed"
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "${hdr[@]}" "$BASE$path" 2>&1) || { printf '%s\n' "$out" >&2; die "wrk of $path failed"; }
    if grep -qE 'Non-2xx or 3xx responses|Socket errors' <<<"$out"; then printf '%s\n' "$out" >&2; die "wrk saw errors on $path"; fi
    awk 'function ms(v, n) { n = v + 0; if (v ~ /us$/) return n / 1000; if (v ~ /ms$/) return n; if (v ~ /s$/) return n * 1000; return n }
         /^[[:space:]]+99%/ { p99 = ms($2) } /^Requests\/sec:/ { rps = $2 }
         END { if (rps == "") exit 1; printf "%s %.2f\n", rps, p99 }' <<<"$out"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
note "wrk -t$THREADS -c$CONNECTIONS, warm-up $WARMUP + $DURATION per URL, Accept-Encoding: $ACCEPT_ENCODING"
read -r static_rps static_p99 < <(run_wrk "$STATIC_PATH")
declare -A rps p99
for page in /dang-ky /dang-ky/to-khai/1 /tra-cuu/co-quan-bhxh; do
    if [[ "$page" == /dang-ky/to-khai/1 ]]; then read -r r p < <(run_wrk "$page" "Cookie: $cookie_header")
    else read -r r p < <(run_wrk "$page"); fi
    rps[$page]=$r; p99[$page]=$p
done
gzip_bytes=$(curl -s -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$BASE/tra-cuu/co-quan-bhxh")
raw_bytes=$(curl -s -o /dev/null -w '%{size_download}' "$BASE/tra-cuu/co-quan-bhxh")

echo
printf '%-30s %10s %9s %9s\n' page 'req/s' 'share' 'p99 ms'
printf '%-30s %10s %8s%% %9s\n' "$STATIC_PATH (static file)" "$static_rps" 100 "$static_p99"
for page in /dang-ky /dang-ky/to-khai/1 /tra-cuu/co-quan-bhxh; do
    share=$(awk -v a="${rps[$page]}" -v b="$static_rps" 'BEGIN { printf "%.1f", 100 * a / b }')
    printf '%-30s %10s %8s%% %9s\n' "$page" "${rps[$page]}" "$share" "${p99[$page]}"
    echo "RESULT page=$page rps=${rps[$page]} static_rps=$static_rps share_pct=$share p99_ms=${p99[$page]}"
done
printf 'office page size: %s bytes raw, %s bytes gzip\n' "$raw_bytes" "$gzip_bytes"
printf 'settings: wrk -t%s -c%s -d%s (warm-up %s per URL), Accept-Encoding: %s, Release, Production, SQLite, %s cores, load avg before %s\n' \
    "$THREADS" "$CONNECTIONS" "$DURATION" "$WARMUP" "$ACCEPT_ENCODING" "$(nproc)" "$load_before"
echo "RESULT office_gzip_bytes=$gzip_bytes office_raw_bytes=$raw_bytes"
