#!/usr/bin/env bash
# Outbox dispatcher benchmark: emails per second delivered to a local SMTP server (Debian's aiosmtpd,
# writing each message to a Maildir as a real server stores it), with COUNT queued Ghi nhận emails
# whose Mẫu 01 PDF (~130 KB with the default 69 KB portrait) is rendered at send time. See bench/README.md.
#
#   bash bench/dispatch.sh
#   COUNT=5000 PARALLELISM=8 bash bench/dispatch.sh
set -euo pipefail

COUNT="${COUNT:-1000}"
WARMUP="${WARMUP:-100}"
PARALLELISM="${PARALLELISM:-4}"
BATCH="${BATCH:-20}"
PYTHON=/usr/bin/python3   # Debian's: the python3 first on PATH may lack aiosmtpd

die() { printf 'dispatch.sh: error: %s\n' "$*" >&2; exit 1; }
[[ "$COUNT" =~ ^[1-9][0-9]*$ ]] || die "COUNT must be a positive integer (got '$COUNT')"
"$PYTHON" -c 'import aiosmtpd' 2>/dev/null || die "aiosmtpd is missing: apt-get install -y python3-aiosmtpd"

cd "$(dirname "$0")/.."
source bench/lib/postgres.sh   # free_port

WORK="$(mktemp -d "${TMPDIR:-/tmp}/portal-dispatch.XXXXXX")"
SMTP_PID=""
cleanup() {
    [[ -z "$SMTP_PID" ]] || kill "$SMTP_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p "$WORK/mail/tmp" "$WORK/mail/new" "$WORK/mail/cur"
PORT=$(free_port)
"$PYTHON" -m aiosmtpd -n -l "127.0.0.1:$PORT" -c aiosmtpd.handlers.Mailbox "$WORK/mail" >"$WORK/smtp.log" 2>&1 &
SMTP_PID=$!
for _ in $(seq 1 100); do port_in_use "$PORT" && break; sleep 0.1; done
port_in_use "$PORT" || { cat "$WORK/smtp.log" >&2; die "aiosmtpd did not listen on $PORT"; }

echo "dispatch.sh: building (Release)" >&2
dotnet build -c Release bench/Portal.Bench -nologo -v q >/dev/null
dotnet bench/Portal.Bench/bin/Release/net10.0/Portal.Bench.dll dispatch --smtp-port "$PORT" \
    --count "$COUNT" --warmup "$WARMUP" --parallelism "$PARALLELISM" --batch "$BATCH"

received=$(find "$WORK/mail/new" -type f | wc -l)
expected=$((COUNT + WARMUP))
echo "smtp server         : $received messages in the Maildir (expected $expected)"
[[ "$received" == "$expected" ]] || die "the SMTP server received $received messages, not $expected"
