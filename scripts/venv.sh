#!/bin/sh
# Make .venv with the newest Python 3.12 or later found here (on PATH, or installed by pyenv),
# then install Case Organizer into it: "sh scripts/venv.sh" for the app, "sh scripts/venv.sh test"
# for the app and what its tests need.
set -eu
cd "$(dirname "$0")/.."

ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }

python=""
for candidate in python3.14 python3.13 python3.12 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && ok "$candidate"; then
        python=$candidate
        break
    fi
done
if [ -z "$python" ] && command -v pyenv >/dev/null 2>&1; then
    root=$(pyenv root)
    for version in $(pyenv versions --bare | sort -r -V); do
        if [ -x "$root/versions/$version/bin/python3" ] && ok "$root/versions/$version/bin/python3"; then
            python="$root/versions/$version/bin/python3"
            break
        fi
    done
fi
if [ -z "$python" ]; then
    echo "Case Organizer needs Python 3.12 or newer; none was found." >&2
    exit 1
fi

if [ ! -x .venv/bin/python ] || ! ok .venv/bin/python; then
    rm -rf .venv
    "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
if [ "${1:-}" = "test" ]; then
    .venv/bin/python -m pip install -q -e ".[test]"
else
    .venv/bin/python -m pip install -q .
fi
