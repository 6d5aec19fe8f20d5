#!/usr/bin/env bash
# Where the portal's CPU goes under the submission load: the Release build on SQLite with JIT symbols written out,
# bench/Portal.Bench submitting with CONCURRENCY citizens, perf sampling the app at 499 Hz for SECONDS after
# WARMUP seconds, then every sample attributed to the innermost frame of a known kind (bench/profile/attribute.py).
#
#   bash bench/profile/submit-profile.sh
#   CONCURRENCY=16 SECONDS_SAMPLED=60 bash bench/profile/submit-profile.sh
set -euo pipefail
CONCURRENCY="${CONCURRENCY:-8}"
WARMUP="${WARMUP:-40}"
SECONDS_SAMPLED="${SECONDS_SAMPLED:-30}"

cd "$(dirname "$0")/../.."
REPO_ROOT="$PWD"
note() { printf '  - %s\n' "$*" >&2; }
die() { printf 'submit-profile.sh: error: %s\n' "$*" >&2; exit 1; }
command -v perf >/dev/null || die "perf is not installed (Debian: apt-get install -y linux-perf)"
source bench/lib/postgres.sh   # free_port
source bench/lib/app.sh
bench_temp_dir portal-profile
publish_app
dotnet build "$REPO_ROOT/bench/Portal.Bench" -c Release -o "$TMP_DIR/bench" -nologo -v quiet >/dev/null || die "building bench/Portal.Bench failed"

port=$(free_port)
mkdir -p "$TMP_DIR/data"
# PerfMapEnabled writes /tmp/perf-PID.map so perf can name JIT-compiled frames; with W^X on, the code perf sees is
# at the double-mapped address the map does not list.
( cd "$APP_DIR" && exec env DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 \
    ASPNETCORE_ENVIRONMENT=Benchmark DOTNET_ENVIRONMENT=Benchmark Portal__DataDirectory="$TMP_DIR/data" \
    Logging__LogLevel__Default=Warning Captcha__FixedCode=HK4RW \
    RateLimits__SubmitPerMinute=1000000 RateLimits__CaptchaPerMinute=1000000 \
    dotnet Portal.Web.dll --urls "http://127.0.0.1:$port" ) >"$TMP_DIR/app.log" 2>&1 &
app=$!
APP_PID=$app   # stopped by bench/lib/app.sh on exit
for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.2; done
curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" || die "the app did not start (see $TMP_DIR/app.log)"

note "submitting with $CONCURRENCY citizens; sampling the app (pid $app) for $SECONDS_SAMPLED s after $WARMUP s"
dotnet "$TMP_DIR/bench/Portal.Bench.dll" submit --base-url "http://127.0.0.1:$port" --concurrency "$CONCURRENCY" \
    --warmup 5 --duration $(( WARMUP + SECONDS_SAMPLED + 5 )) --photos "$REPO_ROOT/bench/fixtures" >"$TMP_DIR/driver.log" 2>&1 &
driver=$!
sleep "$WARMUP"
perf record -F 499 -g -p "$app" -o "$TMP_DIR/app.perf" -- sleep "$SECONDS_SAMPLED" 2>"$TMP_DIR/perf.log"
wait "$driver" || true
perf script -i "$TMP_DIR/app.perf" -F comm,tid,ip,sym,dso 2>/dev/null >"$TMP_DIR/app.stacks"
grep -E '^\s+throughput' "$TMP_DIR/driver.log" >&2 || true
stop_app
rm -f "/tmp/perf-$app.map" "/tmp/perfinfo-$app.map"
python3 bench/profile/attribute.py "$TMP_DIR/app.stacks"
