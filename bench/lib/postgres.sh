# Throwaway PostgreSQL clusters for the benchmark scripts. Source it after defining die().
#   start_throwaway_postgres NAME [server options...]  initdb + start on a free port; sets PG_DIR, PG_PORT
#   stop_throwaway_postgres                            stops it (fast, else immediate) and removes its folder
# PG_BIN: the server binaries (default: the newest under /usr/lib/postgresql). As root, runs them as postgres.

PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
PG_DIR=""
PG_PORT=""

as_postgres() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
    local candidate
    for _ in $(seq 1 100); do
        candidate=$(( 20000 + RANDOM % 20000 ))
        if ! port_in_use "$candidate"; then echo "$candidate"; return 0; fi
    done
    die "could not find a free port on 127.0.0.1"
}

require_postgres_binaries() {
    [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] \
        || die "PostgreSQL server binaries not found in '$PG_BIN' (apt-get install postgresql-15, or set PG_BIN)"
}

start_throwaway_postgres() {
    local name=$1; shift
    require_postgres_binaries
    PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/$name.XXXXXX")"
    [[ "$(id -u)" != 0 ]] || chown postgres:postgres "$PG_DIR"
    PG_PORT=$(free_port)
    as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
        || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
    # Default durability (fsync, synchronous_commit, full_page_writes on); callers add only their own options.
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/pg.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR $*" start >/dev/null \
        || { tail -n 40 "$PG_DIR/pg.log" >&2; die "pg_ctl start failed (log tail above)"; }
}

stop_throwaway_postgres() {
    if [[ -n "$PG_DIR" ]]; then
        as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
            || as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$PG_DIR"
    fi
    PG_DIR=""
}
