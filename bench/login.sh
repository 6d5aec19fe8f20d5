#!/usr/bin/env bash
# Đăng nhập benchmark: the CPU cost of one ASP.NET Core Identity password verification with the default
# hasher options (median of N single-threaded verifications after a warm-up), then logins/s with one
# verification loop per core for ~10 s. See bench/README.md.
#
#   bash bench/login.sh
#   bash bench/login.sh --verifications 500 --warmup 50 --seconds 20
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project bench/Portal.Bench -- login "$@"
