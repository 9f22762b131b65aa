#!/usr/bin/env bash
# Spark local beside DuckDB (issue #12; BENCHMARKS.md "Spark local beside DuckDB").
# usage: scripts/bench-spark.sh SIZE [OUT_DIR]   SIZE: small, 100k, 1m or 10m (shopscore.bench.LADDER)
# Needs `make install-spark` (Java 17, the spark extra). For the size's --daily generation (generated once
# under OUT_DIR/data, reused), `dbt seed` untimed, then the whole project at one score date (the day after
# the data ends) on DuckDB (target dev) and on Spark (target spark), each timed through
# `python -m shopscore.bench measure`. Figures: OUT_DIR/SIZE/measure-<target>.json and t-<target>/run_results.json.
set -euo pipefail
size=${1:?usage: scripts/bench-spark.sh SIZE [OUT_DIR]}
out=$(realpath -m "${2:-bench_runs/spark}")
cd "$(dirname "$0")/.."
py=.venv/bin/python
[ -x .venv/bin/dbt ] && $py -c 'import pyspark' 2>/dev/null || { echo "bench-spark: run make install-spark first" >&2; exit 2; }
raw=$($py -c "
import sys; from pathlib import Path
from shopscore.bench import LADDER, ensure_dataset
if '$size' not in LADDER: sys.exit('bench-spark: unknown size $size; one of ' + ', '.join(LADDER))
print(ensure_dataset('$size', LADDER['$size'], Path('$out/data'), daily=True)[0])")
day=$($py -c "from pathlib import Path; from shopscore.bench import latest_score_date; print(latest_score_date(Path('$raw')))")
run=$out/$size
rm -rf "$run"; mkdir -p "$run"
export PATH=$PWD/.venv/bin:$PATH SPARK_LOCAL_IP=127.0.0.1 SHOPSCORE_WORK_DB=$run/duck.duckdb \
  SHOPSCORE_SPARK_DIR=$run/spark DBT_SEND_ANONYMOUS_USAGE_STATS=false
vars="{raw_data_dir: '$raw', score_date_start: '$day', score_date_end: '$day'}"
for target in dev spark; do
  DBT_TARGET_PATH=$run/t-seed-$target DBT_LOG_PATH=$run/l-$target \
    dbt seed --target $target --profiles-dir . --vars "$vars" > "$run/seed-$target.log" 2>&1
  DBT_TARGET_PATH=$run/t-$target DBT_LOG_PATH=$run/l-$target $py -m shopscore.bench measure "$run/measure-$target.json" -- \
    dbt run --target $target --profiles-dir . --vars "$vars" > "$run/run-$target.log" 2>&1
  echo "$target: $(cat "$run/measure-$target.json")"
done
