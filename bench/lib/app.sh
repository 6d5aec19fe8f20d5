# Shared by the bench scripts that start the published app themselves. Source it after `cd` to the repo root.
# Uses and sets: TMP_DIR, APP_PID; the caller defines die() and note().

# stop_app: stops the app started into APP_PID (TERM, then KILL after 10 s).
stop_app() {
    if [[ -n "${APP_PID:-}" ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    APP_PID=""
}

_bench_cleanup() { local rc=$?; stop_app; rm -rf "$TMP_DIR"; exit "$rc"; }

# bench_temp_dir NAME: a temporary folder in TMP_DIR, removed with the app stopped on any exit.
bench_temp_dir() {
    TMP_DIR="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")"
    APP_PID=""
    trap _bench_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# publish_app: APP_DIR as given, else a Release publish of src/Portal.Web into TMP_DIR/app.
publish_app() {
    if [[ -z "${APP_DIR:-}" ]]; then
        note "publishing src/Portal.Web (Release) into $TMP_DIR/app"
        dotnet publish "$REPO_ROOT/src/Portal.Web" -c Release -o "$TMP_DIR/app" -nologo -v quiet >"$TMP_DIR/publish.log" 2>&1 \
            || { tail -n 40 "$TMP_DIR/publish.log" >&2; die "dotnet publish failed"; }
        APP_DIR="$TMP_DIR/app"
    fi
    [[ -f "$APP_DIR/Portal.Web.dll" ]] || die "no Portal.Web.dll in $APP_DIR"
}
