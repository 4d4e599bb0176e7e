#!/usr/bin/env bash
# The main job in one command: install into .venv if needed, audit the sample reports shipped in
# src/gongkai/sample_reports/ and print the findings; then, when the web app is available and this
# runs in a terminal, start it with demo data (http://127.0.0.1:8000).
#
#   bash scripts/demo.sh              # findings table, then the web demo (Ctrl-C to stop)
#   bash scripts/demo.sh --check-only # findings table only
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/gongkai ] || bash scripts/setup.sh --minimal

status=0
.venv/bin/gongkai check src/gongkai/sample_reports/ || status=$?
if [ "$status" -ge 2 ]; then exit "$status"; fi  # 1 only means the samples have errors: they do

if [ "${1:-}" != "--check-only" ] && [ -t 1 ] && .venv/bin/gongkai serve --help 2>/dev/null | grep -q -- "--demo"; then
  echo
  echo "网页演示 / web demo: http://127.0.0.1:8000  (Ctrl-C 结束 / to stop)"
  exec .venv/bin/gongkai serve --demo
fi
