#!/usr/bin/env bash
# 10-day purge benchmark: seeds COUNT expired declarations on PostgreSQL (3 photo rows and one
# queued SMS each; small photo files for the first FILES of them, FILES=COUNT for all) once, then
# TRIALS times runs the purge on a fresh copy of them and prints the seconds it took, and the p99 of
# submissions (their database transaction) arriving at RATE per second during the purge and without
# it, per trial and pooled over the trials.
# Uses the server named by PORTAL_BENCH_POSTGRES (a connection string to a role that may create
# databases; the bench creates and drops portal_bench_seed and portal_bench_trial), or else starts a
# throwaway PostgreSQL cluster from /usr/lib/postgresql/*/bin (as the postgres user when root).
#
#   bash bench/purge.sh
#   COUNT=100000 FILES=5000 BATCH=1000 bash bench/purge.sh
#   FILES=1000000 DATA_DIR=/mnt/photos bash bench/purge.sh   # every photo file, on the disk under DATA_DIR
set -euo pipefail

COUNT="${COUNT:-1000000}"
FILES="${FILES:-10000}"
BATCH="${BATCH:-200}"
RATE="${RATE:-20}"                         # submissions per second (database part of Ghi nhận); 0: none
DATA_DIR="${DATA_DIR:-${TMPDIR:-/tmp}}"    # the photo files go in a new folder under it
FILE_THREADS="${FILE_THREADS:-2}"          # Purge:FileRemovalParallelism
PAUSE_RATIO="${PAUSE_RATIO:-0.4}"          # Purge:PauseRatio
BASELINE_SECONDS="${BASELINE_SECONDS:-60}" # submissions measured without the purge first, in each trial
TRIALS="${TRIALS:-3}"                      # purges, each on a fresh copy of the seeded database

die() { printf 'purge.sh: error: %s\n' "$*" >&2; exit 1; }
[[ "$COUNT" =~ ^[1-9][0-9]*$ ]] || die "COUNT must be a positive integer (got '$COUNT')"
[[ "$FILES" =~ ^[0-9]+$ ]] || die "FILES must be a non-negative integer (got '$FILES')"
[[ "$BATCH" =~ ^[1-9][0-9]*$ ]] || die "BATCH must be a positive integer (got '$BATCH')"
[[ "$FILE_THREADS" =~ ^[1-9][0-9]*$ ]] || die "FILE_THREADS must be a positive integer (got '$FILE_THREADS')"
[[ "$PAUSE_RATIO" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "PAUSE_RATIO must be a non-negative number (got '$PAUSE_RATIO')"
[[ "$RATE" =~ ^[0-9]+$ ]] || die "RATE must be a non-negative integer (got '$RATE')"
[[ -d "$DATA_DIR" && -w "$DATA_DIR" ]] || die "DATA_DIR must be a writable folder (got '$DATA_DIR')"
[[ "$TRIALS" =~ ^[1-9][0-9]*$ ]] || die "TRIALS must be a positive integer (got '$TRIALS')"
[[ "$BASELINE_SECONDS" =~ ^[1-9][0-9]*$ ]] || die "BASELINE_SECONDS must be a positive integer (got '$BASELINE_SECONDS')"

cd "$(dirname "$0")/.."
source bench/lib/postgres.sh
trap stop_throwaway_postgres EXIT

CS="${PORTAL_BENCH_POSTGRES:-}"
if [[ -z "$CS" ]]; then
    # Only the buffers are raised; durability stays on so the figure means something.
    start_throwaway_postgres portal-bench-pg -c shared_buffers=512MB -c max_wal_size=4GB
    CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
fi

dotnet build -c Release bench/Portal.Bench >/dev/null || die "build of bench/Portal.Bench failed"
dotnet bench/Portal.Bench/bin/Release/net10.0/Portal.Bench.dll purge --cs "$CS" --count "$COUNT" --files "$FILES" --batch "$BATCH" \
    --rate "$RATE" --data-dir "$DATA_DIR" --file-threads "$FILE_THREADS" --pause-ratio "$PAUSE_RATIO" --baseline-seconds "$BASELINE_SECONDS" --trials "$TRIALS"
