#!/usr/bin/env bash
# Crash test: kill -9 the portal while citizens submit Mẫu 01 under load, restart it on the same data folder, and
# check that every acknowledged submission is there with its photos (rows and files), that no draft is half
# submitted, and that after `jobs run purge` (the orphan file sweep) no orphan photo file remains. It runs the xunit
# test tests/Portal.Web.Tests/Crash/CrashRecoveryTests.cs (which `bash test.sh` also runs, with the defaults), and
# prints its per-cycle lines. SQLite. See bench/README.md.
#
#   bash bench/crash.sh
#   CYCLES=5 CITIZENS=8 SECONDS_PER_CYCLE=15 bash bench/crash.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PORTAL_CRASH_CYCLES="${CYCLES:-2}"           # kill -9 rounds
export PORTAL_CRASH_CITIZENS="${CITIZENS:-6}"       # concurrent citizens submitting
export PORTAL_CRASH_SECONDS="${SECONDS_PER_CYCLE:-8}" # load before each kill (plus 0-1.5 s at random)
dotnet build tests/Portal.Web.Tests -nologo -v q >/dev/null
dotnet test tests/Portal.Web.Tests --no-build --nologo \
    --filter "FullyQualifiedName~Portal.Web.Tests.Crash.CrashRecoveryTests" --logger "console;verbosity=detailed" 2>&1 \
    | grep -E '^\s+(cycle|after|Purge:)|Passed|Failed|Error Message|orphan|missing|acknowledged' | sed 's/^ *//'
exit "${PIPESTATUS[0]}"
