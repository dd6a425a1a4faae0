#!/bin/sh
# Add Case Organizer to your desktop's application menu, for you only (no sudo):
# the launcher (.desktop), the icon, the AppStream metainfo and the vault file type (*.cov),
# all under ${XDG_DATA_HOME:-$HOME/.local/share}.
#
#   packaging/linux/install-launcher.sh              install (run again to update)
#   packaging/linux/install-launcher.sh --uninstall  remove what it installed
#
# Install the app first (pipx install .); the icon is read from the installed package.
set -eu

APP_ID=io.github.caseorganizer.CaseOrganizer
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}

DESKTOP=$DATA/applications/$APP_ID.desktop
ICON=$DATA/icons/hicolor/scalable/apps/$APP_ID.svg
METAINFO=$DATA/metainfo/$APP_ID.metainfo.xml
MIME=$DATA/mime/packages/$APP_ID.xml

say() { printf '%s\n' "$*"; }
warn() { printf 'install-launcher: %s\n' "$*" >&2; }

usage() {
    say "usage: $0 [--uninstall]"
    say "Installs the Case Organizer launcher, icon, metainfo and file type into $DATA."
}

refresh() {
    if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$DATA/applications" ]; then
        update-desktop-database -q "$DATA/applications" || warn "update-desktop-database failed"
    fi
    if command -v update-mime-database >/dev/null 2>&1 && [ -d "$DATA/mime/packages" ]; then
        update-mime-database "$DATA/mime" || warn "update-mime-database failed"
    fi
    # Icon themes notice a new icon when the theme folder's time changes.
    if [ -d "$DATA/icons/hicolor" ]; then
        touch "$DATA/icons/hicolor"
    fi
}

# Write the SVG icon to $1: from the installed package (through importlib.resources, with the
# interpreter the `caseorganizer` command runs on, e.g. pipx's), else from this checkout.
write_icon() {
    code='import sys
sys.path[:] = [p for p in sys.path if p not in ("", ".")]  # the installed package, not ./
from importlib.resources import files
sys.stdout.buffer.write((files("caseorganizer.resources") / "icons" / "caseorganizer.svg").read_bytes())'
    for python in ${PYTHON:-} "$(interpreter_of_app)" python3; do
        [ -n "$python" ] || continue
        if "$python" -c "$code" >"$1.tmp" 2>/dev/null && [ -s "$1.tmp" ]; then
            mv -f "$1.tmp" "$1"
            return 0
        fi
    done
    rm -f "$1.tmp"
    checkout=$HERE/../../caseorganizer/resources/icons/caseorganizer.svg
    if [ -f "$checkout" ]; then
        cp "$checkout" "$1"
        return 0
    fi
    warn "cannot find the icon: install the app first (pipx install .)"
    return 1
}

# The installed `caseorganizer` command: on PATH, else where pipx puts it (~/.local/bin).
find_app() {
    if app=$(command -v caseorganizer 2>/dev/null) && [ -n "$app" ]; then
        printf '%s\n' "$app"
    elif [ -x "${PIPX_BIN_DIR:-$HOME/.local/bin}/caseorganizer" ]; then
        printf '%s\n' "${PIPX_BIN_DIR:-$HOME/.local/bin}/caseorganizer"
    fi
}

# The Python interpreter named on the first line of the installed `caseorganizer` script, if any.
interpreter_of_app() {
    app=$(find_app)
    [ -n "$app" ] && [ -f "$app" ] || return 0
    line=$(head -n 1 "$app" 2>/dev/null) || return 0
    case $line in
        '#!'*) interpreter=${line#??} ;;
        *) return 0 ;;
    esac
    interpreter=${interpreter# }
    interpreter=${interpreter%% *} # pipx writes "#!/.../venvs/caseorganizer/bin/python -E"
    case $interpreter in
        '' | */env) ;; # "#!/usr/bin/env python3": python3 is tried anyway
        *) if [ -x "$interpreter" ]; then printf '%s\n' "$interpreter"; fi ;;
    esac
    return 0
}

# Copy the .desktop file. Where the `caseorganizer` command is found, name it by its full path, so
# the menu starts it even when the desktop session's PATH lacks ~/.local/bin.
write_desktop() {
    app=$(find_app)
    case $app in
        /*) case $app in
                *[!A-Za-z0-9/._+-]*) app= ;;
            esac ;;
        *) app= ;;
    esac
    if [ -n "$app" ]; then
        sed -e "s|^Exec=caseorganizer |Exec=$app |" -e "s|^TryExec=caseorganizer\$|TryExec=$app|" \
            "$HERE/$APP_ID.desktop" >"$1.tmp"
        mv -f "$1.tmp" "$1"
    else
        warn "caseorganizer is not installed (or not on PATH); the launcher runs plain 'caseorganizer'"
        cp "$HERE/$APP_ID.desktop" "$1"
    fi
}

install_all() {
    mkdir -p "$(dirname "$DESKTOP")" "$(dirname "$ICON")" "$(dirname "$METAINFO")" \
        "$(dirname "$MIME")"
    write_icon "$ICON"
    write_desktop "$DESKTOP"
    cp "$HERE/$APP_ID.metainfo.xml" "$METAINFO"
    cp "$HERE/$APP_ID.mime.xml" "$MIME"
    chmod 0644 "$DESKTOP" "$ICON" "$METAINFO" "$MIME"
    refresh
    say "Installed Case Organizer's launcher into $DATA:"
    say "  $DESKTOP"
    say "  $ICON"
    say "  $METAINFO"
    say "  $MIME"
}

uninstall_all() {
    rm -f "$DESKTOP" "$ICON" "$METAINFO" "$MIME"
    refresh
    say "Removed Case Organizer's launcher from $DATA."
}

case ${1:-} in
    '') install_all ;;
    --uninstall) uninstall_all ;;
    -h | --help) usage ;;
    *) usage >&2; exit 2 ;;
esac
