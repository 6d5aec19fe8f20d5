#!/usr/bin/env bash
# Mẫu 01 submission benchmark: complete submissions per second (start draft, 5 steps with
# 3 x 200 KB JPEGs, Ghi nhận, confirmation) on SQLite and on PostgreSQL, with the error count,
# latency percentiles, a per-request breakdown and the CPU split. Publishes its own Release copy of
# the app, starts a throwaway PostgreSQL cluster, and removes everything on exit. See bench/README.md.
#
#   bash bench/submit.sh
#   DURATION=30 CONCURRENCY=8 PROVIDERS=postgres bash bench/submit.sh
set -euo pipefail

DURATION="${DURATION:-60}"              # measured seconds per run
WARMUP="${WARMUP:-30}"                  # warm-up seconds per run, not counted (10 s leaves the JIT unfinished)
CONCURRENCY="${CONCURRENCY:-16}"        # simulated citizens submitting at the same time
PROVIDERS="${PROVIDERS:-sqlite postgres}"
FLOWS="${FLOWS:-browser}"               # browser and/or minimal (see README)
DRIVER_ARGS="${DRIVER_ARGS:-}"          # extra options for the driver, e.g. "--thumbnails --accept-encoding none"
APP_ENV="${APP_ENV:-}"                  # extra VAR=VALUE settings for the app, space-separated, e.g. "DOTNET_gcServer=0"
CAPTCHA_CODE="${CAPTCHA_CODE:-HK4RW}"   # Captcha:FixedCode given to the app (5 letters of ACDEGHJKMNPQRUVWXY34679)
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-90}"
PG_MAX_CONNECTIONS="${PG_MAX_CONNECTIONS:-200}"
WAIT_QUIET="${WAIT_QUIET:-0}"           # seconds to wait at most for the machine to be under 15 % busy before each run

die() { printf 'submit.sh: error: %s\n' "$*" >&2; exit 1; }
note() { printf '  - %s\n' "$*" >&2; }

cd "$(dirname "$0")/.."
REPO_ROOT="$PWD"
source bench/lib/postgres.sh
[[ -f "$REPO_ROOT/src/Portal.Web/Portal.Web.csproj" ]] || die "cannot find src/Portal.Web/Portal.Web.csproj under $REPO_ROOT"
for n in DURATION CONCURRENCY STARTUP_TIMEOUT PG_MAX_CONNECTIONS; do
    [[ "${!n}" =~ ^[1-9][0-9]*$ ]] || die "$n must be a positive whole number (got '${!n}')"
done
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "WARMUP must be a whole number of seconds (got '$WARMUP')"
[[ "$WAIT_QUIET" =~ ^[0-9]+$ ]] || die "WAIT_QUIET must be a whole number of seconds (got '$WAIT_QUIET')"
for p in $PROVIDERS; do [[ "$p" == sqlite || "$p" == postgres ]] || die "PROVIDERS takes sqlite and/or postgres (got '$p')"; done
for f in $FLOWS; do [[ "$f" == browser || "$f" == minimal ]] || die "FLOWS takes browser and/or minimal (got '$f')"; done
command -v dotnet >/dev/null || die "dotnet not found on PATH"
command -v curl >/dev/null || die "curl not found on PATH"
[[ " $PROVIDERS " != *" postgres "* ]] || require_postgres_binaries

# --- temp dirs and cleanup -----------------------------------------------------
TMP_DIR="$(mktemp -d "${TMPDIR:-/tmp}/portal-submit.XXXXXX")"
APP_PID=""
APP_LOG_START=0
stop_app() {
    if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    APP_PID=""
}
cleanup() {
    local rc=$?
    stop_app
    stop_throwaway_postgres
    rm -rf "$TMP_DIR"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Each submission stores ~600 KB of photos: at 100 submissions/s that is 60 MB/s of run time.
runs=$(( $(wc -w <<<"$PROVIDERS") * $(wc -w <<<"$FLOWS") ))
need_kb=$(( runs * (DURATION + WARMUP) * 60000 ))
avail_kb=$(df -Pk "$TMP_DIR" | awk 'NR == 2 { print $4 }')
if [[ "$avail_kb" =~ ^[0-9]+$ ]] && (( avail_kb < need_kb )); then
    note "warning: $(( avail_kb / 1024 )) MB free under $TMP_DIR; the runs may write up to $(( need_kb / 1024 )) MB of photos"
fi

# --- build ---------------------------------------------------------------------
note "publishing src/Portal.Web (Release) and building bench/Portal.Bench (Release) into $TMP_DIR"
dotnet publish "$REPO_ROOT/src/Portal.Web" -c Release -o "$TMP_DIR/app" -nologo -v quiet >"$TMP_DIR/publish.log" 2>&1 \
    || { tail -n 40 "$TMP_DIR/publish.log" >&2; die "dotnet publish failed (log tail above)"; }
dotnet build "$REPO_ROOT/bench/Portal.Bench" -c Release -o "$TMP_DIR/bench" -nologo -v quiet >"$TMP_DIR/bench-build.log" 2>&1 \
    || { tail -n 40 "$TMP_DIR/bench-build.log" >&2; die "building bench/Portal.Bench failed (log tail above)"; }

# --- helpers -------------------------------------------------------------------
# start_app NAME [ENV=VALUE...]: starts the published app on a free port, waits for /healthz.
start_app() {
    local name=$1; shift
    local port; port=$(free_port)
    BASE="http://127.0.0.1:$port"
    mkdir -p "$TMP_DIR/data-$name"
    (
        cd "$TMP_DIR/app"
        exec env \
            ASPNETCORE_ENVIRONMENT=Benchmark \
            DOTNET_ENVIRONMENT=Benchmark \
            Portal__DataDirectory="$TMP_DIR/data-$name" \
            Logging__LogLevel__Default=Warning \
            Logging__LogLevel__Microsoft.Hosting.Lifetime=Warning \
            Captcha__FixedCode="$CAPTCHA_CODE" \
            RateLimits__SubmitPerMinute=1000000 RateLimits__CaptchaPerMinute=1000000 \
            $APP_ENV \
            "$@" \
            dotnet "$TMP_DIR/app/Portal.Web.dll" --urls "$BASE"
    ) >"$TMP_DIR/app-$name.log" 2>&1 &
    APP_PID=$!
    local code=""
    for _ in $(seq 1 $(( STARTUP_TIMEOUT * 4 ))); do
        if ! kill -0 "$APP_PID" 2>/dev/null; then
            tail -n 40 "$TMP_DIR/app-$name.log" >&2
            die "the app ($name) exited during startup (log tail above)"
        fi
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/healthz" || true)
        if [[ "$code" == 200 ]]; then
            # Startup noise stays out of the error report (EF logs a failed probe of the migrations table on an empty PostgreSQL).
            APP_LOG_START=$(wc -l <"$TMP_DIR/app-$name.log")
            return 0
        fi
        sleep 0.25
    done
    tail -n 40 "$TMP_DIR/app-$name.log" >&2
    die "/healthz ($name) did not answer 200 within ${STARTUP_TIMEOUT}s (last status: ${code:-none})"
}

start_postgres() {
    start_throwaway_postgres portal-submit-pg -c max_connections="$PG_MAX_CONNECTIONS" -c synchronous_commit=on
    PG_PID=$(head -n 1 "$PG_DIR/data/postmaster.pid")
    PG_SETTINGS=$(as_postgres "$PG_BIN/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres -AtX -F= -c \
        "select name, current_setting(name) from pg_settings where name in ('fsync','synchronous_commit','full_page_writes','wal_sync_method','shared_buffers','max_connections') order by name" \
        2>/dev/null | tr '\n' ' ' || echo '(psql not available)')
    note "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (pid $PG_PID): $PG_SETTINGS"
}

SUMMARY="$TMP_DIR/summary.tsv"
: >"$SUMMARY"
FAILED=0
SETTINGS_LINES=()

# CPU busy share of the whole machine over 2 s (100 % = all cores), to spot other jobs before a run.
machine_busy() {
    local a b
    a=($(head -n 1 /proc/stat)); sleep 2; b=($(head -n 1 /proc/stat))
    awk -v a="${a[*]}" -v b="${b[*]}" 'BEGIN {
        n = split(a, x, " "); split(b, y, " "); total = 0
        for (i = 2; i <= 9 && i <= n; i++) total += y[i] - x[i]
        idle = (y[5] - x[5]) + (y[6] - x[6])
        printf "%.0f", (total > 0 ? 100 * (total - idle) / total : 0) }'
}

# run_driver NAME FLOW WATCH...: one measured run against $BASE.
run_driver() {
    local name=$1 flow=$2; shift 2
    local watch=()
    for w in "$@"; do watch+=(--watch "$w"); done
    local load_before busy_before
    load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
    busy_before=$(machine_busy 2>/dev/null || echo '?')
    local waited=0
    while [[ "$busy_before" != '?' ]] && (( busy_before >= 15 && waited < WAIT_QUIET )); do
        (( waited > 0 )) || note "machine ${busy_before} % busy; waiting up to ${WAIT_QUIET}s for it to be quiet"
        sleep 3; waited=$(( waited + 5 ))
        busy_before=$(machine_busy 2>/dev/null || echo '?')
    done
    echo
    # shellcheck disable=SC2086 # DRIVER_ARGS is a list of options
    if ! dotnet "$TMP_DIR/bench/Portal.Bench.dll" submit --base-url "$BASE" --label "$name" --flow "$flow" \
        --duration "$DURATION" --warmup "$WARMUP" --concurrency "$CONCURRENCY" --captcha "$CAPTCHA_CODE" \
        --photos "$REPO_ROOT/bench/fixtures" --summary-file "$SUMMARY" "${watch[@]}" $DRIVER_ARGS; then
        note "the $name/$flow run failed"
        FAILED=1
    fi
    echo "  before the run: machine ${busy_before} % busy over 2 s (app idle), load average $load_before"
    # The app logs at warning level; show what failed (the temp dir and its logs go on exit).
    local failures
    failures=$(tail -n +"$(( APP_LOG_START + 1 ))" "$TMP_DIR/app-$name.log" | grep -cE '^(fail|crit):' || true)
    if (( failures > 0 )); then
        note "the app logged $failures error(s) since startup ($name); the first ones:"
        tail -n +"$(( APP_LOG_START + 1 ))" "$TMP_DIR/app-$name.log" | grep -E -A 12 '^(fail|crit):' | head -n 60 >&2
    fi
    [[ "$busy_before" == '?' ]] || (( busy_before < 15 )) || note "warning: the machine was ${busy_before} % busy before the $name run; another job shares the cores"
}

# --- runs ----------------------------------------------------------------------
for provider in $PROVIDERS; do
    case "$provider" in
        sqlite)
            note "starting the app on SQLite ($TMP_DIR/data-sqlite, WAL)"
            start_app sqlite
            SETTINGS_LINES+=("sqlite: $TMP_DIR/data-sqlite/portal.db, journal_mode=WAL, synchronous left at the library default (the app sets no pragma but WAL)")
            for flow in $FLOWS; do run_driver sqlite "$flow" "app=$APP_PID"; done
            stop_app
            ;;
        postgres)
            note "starting a throwaway PostgreSQL cluster"
            start_postgres
            start_app postgres "ConnectionStrings__Portal=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
            SETTINGS_LINES+=("postgres: $PG_SETTINGS")
            for flow in $FLOWS; do run_driver postgres "$flow" "app=$APP_PID" "postgres=$PG_PID"; done
            stop_app
            stop_throwaway_postgres
            ;;
    esac
done

# --- summary -------------------------------------------------------------------
echo
echo "summary: complete Mẫu 01 submissions (3 x 200 KB JPEG), ${DURATION} s measured after ${WARMUP} s warm-up, $CONCURRENCY concurrent citizens, $(nproc) cores shared by app, database and driver"
printf '%-9s %-8s %11s %8s %7s %8s %8s %8s %6s %6s %7s %6s %6s\n' provider flow submissions 'sub/s' errors 'p50 ms' 'p95 ms' 'p99 ms' app db driver busy probe
while IFS=$'\t' read -r label flow conc completed seconds rate errors p50 p95 p99 app db driver busy probe; do
    [[ "$db" == NaN ]] && db='-'
    printf '%-9s %-8s %11s %8s %7s %8s %8s %8s %5s%% %5s%s %6s%% %5s%% %3s ms\n' "$label" "$flow" "$completed" "$rate" "$errors" "$p50" "$p95" "$p99" \
        "$app" "$db" "$([[ "$db" == - ]] && echo ' ' || echo '%')" "$driver" "$busy" "$probe"
done <"$SUMMARY"
echo "(app, db, driver: CPU used during the measured window, 100 % = one core; busy: the whole machine;"
echo " probe: sorting 1 M integers + a dictionary on one thread just before the run, lower = faster CPU)"
for line in "${SETTINGS_LINES[@]}"; do echo "settings: $line"; done
exit "$FAILED"
