#!/usr/bin/env bash
# Install what gongkai and its whole test suite need, on a fresh Debian/Ubuntu machine.
#
#   bash scripts/setup.sh             # apt packages (if missing) + .venv with gongkai[pdf,postgres,dev]
#   bash scripts/setup.sh --minimal   # only python3-venv (if missing) + .venv with gongkai[pdf]
#
# Idempotent and quiet: apt runs only when a package is missing, pip only when pyproject.toml
# (or the extras) changed since the last install. Works without a terminal (CI=true, no stdin).
set -euo pipefail
cd "$(dirname "$0")/.."

MODE="${1:-full}"
log() { echo "setup: $*" >&2; }

if [ "$MODE" = "--minimal" ]; then
  WANT=(python3-venv)
  EXTRAS="pdf"
else
  # LibreOffice renders DOCX→PDF, Noto CJK gives it Chinese fonts, poppler-utils has pdftotext,
  # Chromium (+ driver) runs the browser tests, PostgreSQL backs the ledger tests, gcc and the
  # Python headers let the tests compile the mypyc build of the extraction hot path; libgl1 and
  # libglib2.0-0 are what OpenCV (pulled in by the ocr extra's RapidOCR) loads.
  WANT=(python3-venv libreoffice-writer-nogui fonts-noto-cjk poppler-utils chromium chromium-driver postgresql
        gcc python3-dev libgl1 libglib2.0-0)
  EXTRAS="pdf,postgres,dev,ocr,distributed"
fi

# Other names the same need goes by (Ubuntu, older Debian); the first one apt knows is used.
alternatives() {
  case "$1" in
    libreoffice-writer-nogui) echo "libreoffice-writer-nogui libreoffice-writer" ;;
    chromium) echo "chromium chromium-browser" ;;
    chromium-driver) echo "chromium-driver chromium-chromedriver" ;;
    *) echo "$1" ;;
  esac
}
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
for want in "${WANT[@]}"; do
  ok=no
  for name in $(alternatives "$want"); do installed "$name" && ok=yes && break; done
  [ "$ok" = yes ] || missing+=("$want")
done

if [ "${#missing[@]}" -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    log "missing system packages (${missing[*]}) and no apt-get: install them by hand"
  else
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; fi
    export DEBIAN_FRONTEND=noninteractive
    log "installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq </dev/null >/dev/null
    chosen=()
    for want in "${missing[@]}"; do
      for name in $(alternatives "$want"); do
        if apt-cache show "$name" >/dev/null 2>&1; then chosen+=("$name"); break; fi
      done
    done
    $SUDO apt-get install -y -qq --no-install-recommends "${chosen[@]}" </dev/null >/dev/null
  fi
fi

PYTHON=""
for candidate in python3 python3.13 python3.12 python3.11; do
  if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
    PYTHON="$candidate"; break
  fi
done
[ -n "$PYTHON" ] || { log "Python 3.11 or newer is required"; exit 1; }

if [ ! -x .venv/bin/python ]; then
  log "creating .venv with $PYTHON"
  "$PYTHON" -m venv .venv
fi

# Reinstall only when pyproject.toml changed or more extras are wanted than were installed.
STAMP=.venv/.gongkai-installed  # "<sha256 of pyproject.toml> <extras>"
hash="$(sha256sum pyproject.toml | cut -d' ' -f1)"
have_hash="" have_extras=""
if [ -f "$STAMP" ]; then read -r have_hash have_extras < "$STAMP" || true; fi
need=no
if [ "$have_hash" != "$hash" ]; then need=yes; fi
for extra in ${EXTRAS//,/ }; do
  case ",$have_extras," in *",$extra,"*) ;; *) need=yes ;; esac
done
if [ "$need" = yes ]; then
  log "installing gongkai[$EXTRAS] into .venv"
  if ! .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[$EXTRAS]" </dev/null >.venv/pip.log 2>&1; then
    cat .venv/pip.log >&2
    exit 1
  fi
  echo "$hash $EXTRAS" > "$STAMP"
fi
log "ready (.venv/bin/gongkai)"
