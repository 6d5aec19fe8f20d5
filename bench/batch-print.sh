#!/usr/bin/env bash
# Batch print benchmark ("In các hồ sơ đã chọn"): seeds COUNT declarations (with a ~70 KB portrait each) on a new
# SQLite database and times the print of all of them into one PDF, as the queue page runs it: scope check, render
# and merge of every Mẫu 01, the views recorded, the file written to the print store. Prints seconds, PDF size and
# peak memory. See bench/README.md.
#
#   bash bench/batch-print.sh
#   COUNT=500 RUNS=5 bash bench/batch-print.sh
set -euo pipefail

COUNT="${COUNT:-200}"
WARMUP="${WARMUP:-20}"
RUNS="${RUNS:-3}"

die() { printf 'batch-print.sh: error: %s\n' "$*" >&2; exit 1; }
for v in COUNT WARMUP RUNS; do [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer (got '${!v}')"; done

cd "$(dirname "$0")/.."
WORK="$(mktemp -d "${TMPDIR:-/tmp}/portal-batch-print.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "batch-print.sh: building (Release)" >&2
dotnet build -c Release bench/Portal.Bench -nologo -v q >/dev/null
dotnet bench/Portal.Bench/bin/Release/net10.0/Portal.Bench.dll batch-print \
    --count "$COUNT" --warmup "$WARMUP" --runs "$RUNS" --out "$WORK/batch.pdf"

if command -v pdfinfo >/dev/null; then
    pages=$(pdfinfo "$WORK/batch.pdf" | awk '/^Pages:/ { print $2 }')
    echo "pdfinfo             : $pages pages, $(stat -c %s "$WORK/batch.pdf") bytes"
    [[ "$pages" -ge "$COUNT" ]] || die "pdfinfo counts $pages pages for $COUNT declarations"
fi
