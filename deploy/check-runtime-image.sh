#!/usr/bin/env bash
# What the Dockerfile's runtime stage promises, checked without Docker (no engine runs on the development machines):
# the build stage's publish command, the binaries owned by root and not writable, the app run as an unprivileged
# user (nobody, like the image's $APP_UID) with only the data folder writable, the `migrate` verb first (as
# docker-compose's migrate service), then the site in Production on ASPNETCORE_HTTP_PORTS. It checks:
#   - `migrate` and the site start and write only into the data folder (keys, database), as that user;
#   - /healthz and /readyz answer 200, the home page and Đăng ký render, the Release publish serves
#     /_framework/blazor.web.js and the CSS, a staff page sends a stranger to the staff login;
#   - the fonts the PDF and the captcha need are installed (the image's apt line) and readable by that user;
#   - no log line reports a refused write.
#
#   deploy/check-runtime-image.sh            (as root: runs the app as nobody; otherwise as the current user, said so)
# tests/Portal.E2E/RuntimeImageTests.cs runs it; README, "docker-compose".
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
die() { echo "check-runtime-image: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
# shellcheck source=../bench/lib/postgres.sh
source "$repo/bench/lib/postgres.sh"   # free_port

tmp="$(mktemp -d "${TMPDIR:-/tmp}/portal-image.XXXXXX")"
app_pid=""
cleanup() {
    [[ -z "$app_pid" ]] || { kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; }
    rm -rf "$tmp"
}
trap cleanup EXIT
chmod 755 "$tmp"

# The build stage: `dotnet publish src/Portal.Web -c Release -o /app --no-restore -p:UseAppHost=false`.
dotnet publish "$repo/src/Portal.Web" -c Release -o "$tmp/app" -p:UseAppHost=false -nologo -v quiet >"$tmp/publish.log" 2>&1 \
    || { tail -n 30 "$tmp/publish.log" >&2; die "dotnet publish failed"; }
[[ -f "$tmp/app/wwwroot/_framework/blazor.web.js" || -n "$(find "$tmp/app" -name 'blazor.web*.js' -print -quit)" ]] \
    || die "the Release publish has no blazor.web.js"

mkdir "$tmp/data"
if [[ "$(id -u)" == 0 ]]; then
    user=nobody
    chown -R root:root "$tmp/app"
    chown "$user" "$tmp/data"
    # setpriv execs the command itself (no PAM session, no parent left to signal), as the image's USER line does.
    as_user() { setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; }
else
    user="$(id -un)"
    echo "note: not root, so the app runs as $user (the image's user switch is not checked)"
    as_user() { "$@"; }
fi
exec_as_user() { if [[ "$user" == nobody ]]; then exec setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; else exec "$@"; fi; }
chmod -R a-w "$tmp/app"

fonts=(/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf)
for font in "${fonts[@]}"; do
    as_user test -r "$font" || die "$font is missing or not readable by $user (the image installs fonts-dejavu-core and fonts-liberation)"
done
ok "fonts readable by $user"

# As in the image: Production (no ASPNETCORE_ENVIRONMENT), the data folder from Portal__DataDirectory, the port
# from ASPNETCORE_HTTP_PORTS, the working directory /app.
port=$(free_port)
run_env=(env -i PATH="$PATH" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 "Portal__DataDirectory=$tmp/data" "ASPNETCORE_HTTP_PORTS=$port")
(cd "$tmp/app" && as_user "${run_env[@]}" dotnet Portal.Web.dll migrate) >"$tmp/migrate.log" 2>&1 \
    || { tail -n 30 "$tmp/migrate.log" >&2; die "migrate failed as $user"; }
ok "migrate as $user"

(cd "$tmp/app" && exec_as_user "${run_env[@]}" dotnet Portal.Web.dll) >"$tmp/web.log" 2>&1 &
app_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 300); do curl -fs -o /dev/null "$base/healthz" && break; sleep 0.2; done
curl -fs -o /dev/null "$base/healthz" || { tail -n 30 "$tmp/web.log" >&2; die "the site did not answer /healthz as $user"; }

expect() {  # STATUS PATH [HEADER-PATTERN]
    local status header
    header=$(curl -s -o /dev/null -D - "$base$2")
    status=$(head -n 1 <<<"$header" | awk '{ print $2 }')
    [[ "$status" == "$1" ]] || die "GET $2 answered $status, expected $1"
    [[ -z "${3:-}" ]] || grep -qiE "$3" <<<"$header" || die "GET $2: no header matching '$3'"
    ok "GET $2 $status"
}
expect 200 /healthz
expect 200 /readyz
expect 200 /
expect 200 /dang-ky
expect 200 /_framework/blazor.web.js
expect 200 /css/site.css
expect 302 /can-bo/tiep-nhan '^location: .*/can-bo/dang-nhap'

[[ -n "$(find "$tmp/data" -name '*.db' -print -quit)" ]] || die "no database in the data folder"
[[ -d "$tmp/data/keys" ]] || die "no key ring in the data folder"
if [[ "$user" == nobody ]]; then
    stranger=$(find "$tmp/data" ! -user nobody -print -quit)
    [[ -z "$stranger" ]] || die "$stranger in the data folder is not the app user's"
fi
ok "the data folder holds the database and the key ring, written as $user"

if grep -hiE 'UnauthorizedAccess|Permission denied|Read-only file system' "$tmp/migrate.log" "$tmp/web.log"; then
    die "a write was refused (lines above)"
fi
ok "no refused write in the logs"
echo "runtime image check passed (app as $user, Production, port $port)"
