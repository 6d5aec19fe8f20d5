#!/usr/bin/env bash
# Two portal nodes behind nginx, without Docker: a throwaway PostgreSQL 15, an SMTP catcher (aiosmtpd), the
# `migrate` verb once, two `dotnet Portal.Web.dll` on loopback ports started at the same moment on one empty data
# folder, and Debian's nginx on deploy/nginx.conf in front (as the current user, on a high port).
#
#   deploy/two-nodes.sh run                 start everything in a temporary folder, print the URLs, stop on Ctrl+C
#   deploy/two-nodes.sh up STATE_DIR        start everything, write STATE_DIR/env (KEY=value lines), return
#   deploy/two-nodes.sh stop-node STATE_DIR 1|2 [--kill]
#   deploy/two-nodes.sh start-node STATE_DIR 1|2
#   deploy/two-nodes.sh down STATE_DIR      stop everything and remove STATE_DIR
#
# PORTAL_WEB_DLL: the app to run (default: src/Portal.Web/bin/Debug/net10.0/Portal.Web.dll, built if missing).
# The nodes run in the Testing environment with Captcha:FixedCode=HK4RW (TWO_NODES_CAPTCHA), the outbox every
# 5 s and the purge every 10 s (TWO_NODES_PURGE_CRON), so that what the test checks happens within seconds.
# tests/Portal.E2E/TwoNodesTests.cs drives it; README, "Running several nodes".
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
die() { echo "two-nodes: $*" >&2; exit 1; }
# shellcheck source=../bench/lib/postgres.sh
source "$repo/bench/lib/postgres.sh"

dll="${PORTAL_WEB_DLL:-$repo/src/Portal.Web/bin/Debug/net10.0/Portal.Web.dll}"
captcha="${TWO_NODES_CAPTCHA:-HK4RW}"
purge_cron="${TWO_NODES_PURGE_CRON:-*/10 * * * * *}"

wait_http() {  # URL SECONDS
    local deadline=$(( SECONDS + $2 ))
    until curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; do
        (( SECONDS < deadline )) || return 1
        sleep 0.2
    done
}

load_state() {
    state="$1"
    [[ -f "$state/env" ]] || die "no $state/env: run 'up' first"
    # shellcheck disable=SC1091
    source "$state/env"
}

start_node() {  # N  (state loaded)
    local n=$1 port_var="NODE$1_PORT"
    local port=${!port_var}
    # Its own folder as content root (logs, nothing else); the data folder is the shared one.
    (
        cd "$(dirname "$DLL")"
        exec env \
            ASPNETCORE_ENVIRONMENT=Testing \
            ASPNETCORE_URLS="http://127.0.0.1:$port" \
            DOTNET_gcServer=0 \
            Portal__DataDirectory="$DATA_DIR" \
            ConnectionStrings__Portal="$PG_CONNECTION" \
            Database__MigrateOnStartup=false \
            Captcha__FixedCode="$CAPTCHA" \
            Jobs__SchedulePollingInterval=00:00:01 \
            Purge__Cron="$PURGE_CRON" \
            Outbox__Cron="*/5 * * * * *" \
            Smtp__Host=127.0.0.1 Smtp__Port="$SMTP_PORT" Smtp__Security=None \
            Smtp__FromAddress=khong-tra-loi@portal.localhost \
            Sms__WriteToLog=true \
            RateLimits__SubmitPerMinute=1000 RateLimits__LoginPerMinute=1000 \
            RateLimits__StatusLookupPerMinute=1000 RateLimits__PasswordResetPerMinute=1000 RateLimits__CaptchaPerMinute=1000 \
            Logging__Console__FormatterName=simple \
            Logging__Console__FormatterOptions__TimestampFormat="HH:mm:ss.fff " \
            dotnet "$DLL"
    ) </dev/null >>"$STATE/node$n.log" 2>&1 &
    echo $! >"$STATE/node$n.pid"
}

stop_pid_file() {  # FILE SIGNAL SECONDS
    [[ -f "$1" ]] || return 0
    local pid; pid=$(cat "$1")
    if kill -0 "$pid" 2>/dev/null; then
        kill "-$2" "$pid" 2>/dev/null || true
        local deadline=$(( SECONDS + $3 ))
        while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; sleep 0.2; fi
    fi
    rm -f "$1"
}

up() {
    local state="$1"
    command -v nginx >/dev/null || die "nginx not found: apt-get install nginx (.ci/run does)"
    [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null \
        || die "aiosmtpd not found: apt-get install python3-aiosmtpd"
    [[ -f "$dll" || -z "${PORTAL_WEB_DLL:-}" ]] || die "PORTAL_WEB_DLL=$dll does not exist"
    if [[ ! -f "$dll" ]]; then
        echo "two-nodes: building $dll" >&2
        dotnet build "$repo/src/Portal.Web" -c Debug --nologo -v q >&2 || die "build failed"
    fi
    mkdir -p "$state"
    state="$(cd "$state" && pwd)"
    # nginx's workers run as nobody when the script runs as root: they must reach the temp folders.
    chmod 755 "$state"
    mkdir -p "$state/data" "$state/mail/"{tmp,new,cur} "$state/nginx/logs" "$state/migrate-data"
    [[ -z "$(ls -A "$state/data")" ]] || die "$state/data is not empty"

    TMPDIR="$state" start_throwaway_postgres postgres "-c fsync=off -c synchronous_commit=off -c max_connections=200"
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres portal

    local smtp_port node1_port node2_port nginx_port
    smtp_port=$(free_port); node1_port=$(free_port); node2_port=$(free_port); nginx_port=$(free_port)
    # free_port draws at random: four draws must be four ports.
    while [[ $(printf '%s\n' "$smtp_port" "$node1_port" "$node2_port" "$nginx_port" | sort -u | wc -l) -ne 4 ]]; do
        node2_port=$(free_port); nginx_port=$(free_port)
    done
    /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$state/mail" \
        </dev/null >"$state/smtp.log" 2>&1 &
    echo $! >"$state/smtp.pid"

    cat >"$state/env" <<EOF
STATE='$state'
DLL='$dll'
PG_DIR='$PG_DIR'
PG_PORT='$PG_PORT'
PG_CONNECTION='Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=portal'
DATA_DIR='$state/data'
MAIL_DIR='$state/mail/new'
SMTP_PORT='$smtp_port'
CAPTCHA='$captcha'
PURGE_CRON='$purge_cron'
NODE1_PORT='$node1_port'
NODE2_PORT='$node2_port'
NODE1_URL='http://127.0.0.1:$node1_port'
NODE2_URL='http://127.0.0.1:$node2_port'
NODE1_LOG='$state/node1.log'
NODE2_LOG='$state/node2.log'
NGINX_PORT='$nginx_port'
NGINX_URL='http://127.0.0.1:$nginx_port'
EOF
    load_state "$state"

    # The schema once, as docker-compose's `migrate` service does, but with a data folder of its own: the shared
    # one stays empty until both nodes start on it together.
    env Portal__DataDirectory="$state/migrate-data" ConnectionStrings__Portal="$PG_CONNECTION" ASPNETCORE_ENVIRONMENT=Testing \
        Logging__LogLevel__Default=Warning Logging__LogLevel__Hangfire=Information \
        dotnet "$DLL" migrate >"$state/migrate.log" 2>&1 || { cat "$state/migrate.log" >&2; die "migrate failed"; }

    start_node 1
    start_node 2
    local n
    for n in 1 2; do
        local url_var="NODE${n}_URL"
        wait_http "${!url_var}/healthz" 90 || { tail -n 40 "$state/node$n.log" >&2; die "node $n did not answer /healthz"; }
    done

    # deploy/nginx.conf with this machine's nodes, port, and paths a non-root nginx can write; nothing else changes.
    awk -v p1="$node1_port" -v p2="$node2_port" -v port="$nginx_port" -v dir="$state/nginx" '
        /# nodes: begin/ { print; print "        server 127.0.0.1:" p1 " max_fails=1 fail_timeout=10s;";
                           print "        server 127.0.0.1:" p2 " max_fails=1 fail_timeout=10s;"; skip = 1; next }
        /# nodes: end/   { skip = 0 }
        skip             { next }
        /^http \{/       { print; print "    access_log " dir "/logs/access.log;";
                           n = split("client_body proxy fastcgi uwsgi scgi", t, " ");
                           for (i = 1; i <= n; i++) print "    " t[i] "_temp_path " dir "/" t[i] "_temp;"; next }
        /^ *listen 80;/  { print "        listen 127.0.0.1:" port ";"; next }
        /# two-nodes.sh: test headers/ { print "            add_header X-Portal-Node $upstream_addr always;"; next }
        { print }' "$repo/deploy/nginx.conf" >"$state/nginx/nginx.conf"
    local nginx_args=(-p "$state/nginx/" -e "$state/nginx/logs/error.log" -c "$state/nginx/nginx.conf" -g "pid $state/nginx/nginx.pid;")
    nginx "${nginx_args[@]}" -t -q || die "nginx -t failed on $state/nginx/nginx.conf"
    # Its stdio away from ours: a caller reading our output to the end must not wait for nginx.
    nginx "${nginx_args[@]}" </dev/null >>"$state/nginx/logs/stderr.log" 2>&1
    wait_http "$NGINX_URL/healthz" 10 || { cat "$state/nginx/logs/error.log" >&2; die "nginx did not answer"; }
    cat "$state/env"
}

down() {
    local state="$1"
    [[ -f "$state/env" ]] || { rm -rf "$state"; return 0; }
    load_state "$state"
    stop_pid_file "$STATE/nginx/nginx.pid" QUIT 5
    stop_pid_file "$STATE/node1.pid" TERM 15 &
    stop_pid_file "$STATE/node2.pid" TERM 15 &
    wait
    stop_pid_file "$STATE/smtp.pid" TERM 5
    PG_DIR="$PG_DIR" stop_throwaway_postgres
    [[ -n "${KEEP_STATE:-}" ]] || rm -rf "$STATE"
}

case "${1:-}" in
    up) [[ $# -eq 2 ]] || die "usage: $0 up STATE_DIR"; up "$2" ;;
    down) [[ $# -eq 2 ]] || die "usage: $0 down STATE_DIR"; down "$2" ;;
    stop-node)
        [[ $# -ge 3 && ( $3 == 1 || $3 == 2 ) ]] || die "usage: $0 stop-node STATE_DIR 1|2 [--kill]"
        load_state "$2"
        if [[ "${4:-}" == --kill ]]; then stop_pid_file "$STATE/node$3.pid" KILL 5; else stop_pid_file "$STATE/node$3.pid" TERM 15; fi ;;
    start-node)
        [[ $# -eq 3 && ( $3 == 1 || $3 == 2 ) ]] || die "usage: $0 start-node STATE_DIR 1|2"
        load_state "$2"
        start_node "$3"
        url_var="NODE$3_URL"
        wait_http "${!url_var}/healthz" 90 || { tail -n 40 "$STATE/node$3.log" >&2; die "node $3 did not answer /healthz"; } ;;
    run)
        dir="$(mktemp -d "${TMPDIR:-/tmp}/portal-two-nodes.XXXXXX")"
        trap 'down "$dir"' EXIT
        trap 'exit 130' INT TERM
        up "$dir"
        echo "two-nodes: open $NGINX_URL (staff accounts: dotnet Portal.Web.dll accounts create …); Ctrl+C stops everything" >&2
        while true; do sleep 3600; done ;;
    *) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
