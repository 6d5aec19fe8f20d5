#!/usr/bin/env bash
# Mẫu 01 PDF render benchmark: renders the sample declaration (with a ~70 KB portrait JPEG)
# N times after a warm-up and prints the median and p95 time per render and the PDF size.
# See bench/README.md.
#
#   bash bench/pdf-render.sh
#   bash bench/pdf-render.sh --renders 1000 --warmup 200 --out /tmp/mau01.pdf
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project bench/Portal.Bench -- pdf "$@"
