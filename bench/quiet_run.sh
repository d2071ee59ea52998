#!/usr/bin/env bash
# Every item of issue 19's bench, one after another, on a quiet machine (nothing else
# running): the figures compare only within one run. Logs and the load at each start go
# to OUT (default bench/out/quiet). The national steps need the kept PostgreSQL cluster:
#   SRTRACKER_PG_DATA=/work/pg-national SRTRACKER_PG_PORT=54344 bench/quiet_run.sh
set -uo pipefail
cd "$(dirname "$0")/.."
OUT="${OUT:-bench/out/quiet}"
mkdir -p "$OUT"
PY=.venv/bin/python
load() { echo "$(date -u +%H:%M:%S) $1 $(uptime | sed 's/.*load/load/')" >> "$OUT/load.log"; }
load import; $PY bench/bench_import_cli.py --runs 7 > "$OUT/import.log" 2>&1
load check; $PY bench/bench_check.py > "$OUT/check-sqlite.log" 2>&1
load check-w1; $PY bench/bench_check.py --workers 1 --no-floor > "$OUT/check-sqlite-w1.log" 2>&1
load recheck; $PY bench/bench_recheck.py > "$OUT/recheck.log" 2>&1
if [ -n "${SRTRACKER_PG_DATA:-}" ]; then
  export OUT PY
  tools/with-postgres bash -c '
    for step in check export dashboard; do
      echo "$(date -u +%H:%M:%S) national-$step $(uptime | sed "s/.*load/load/")" >> "$OUT/load.log"
      $PY bench/national.py --steps "$step" > "$OUT/national-$step.log" 2>&1
    done' > "$OUT/postgres.log" 2>&1
fi
load done
grep -h -v "^{" "$OUT"/*.log | grep -E "ratio|target|x SQL|p95"
