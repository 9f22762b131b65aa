"""Export relations of a Spark build (target `spark`, session method) to Parquet, one file each, through
Arrow, so that the Spark test compares them with DuckDB's build in DuckDB. Run in its own process (one
Derby metastore per process; the JVM reads -Dderby.system.home from JAVA_TOOL_OPTIONS, set by the caller):

    python -m tests.python.e2e_fixtures.spark_export SPARK_DIR OUT_DIR schema.relation ...

A relation Spark does not have is written as OUT_DIR/<schema.relation>.missing with Spark's message.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pyarrow.parquet as pq
from pyspark.sql import SparkSession


def main(spark_dir: Path, out_dir: Path, relations: list[str]) -> None:
    os.chdir(spark_dir)  # the profile's metastore_db lives here
    session = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.warehouse.dir", str(spark_dir / "spark-warehouse"))
        .config("spark.hadoop.javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName=metastore_db;create=true")
        .config("spark.local.dir", str(spark_dir / "tmp"))
        .config("spark.sql.session.timeZone", "Asia/Shanghai")
        .config("spark.sql.timeType.enabled", "true")
        .enableHiveSupport()
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    out_dir.mkdir(parents=True, exist_ok=True)
    for relation in relations:
        try:
            table = session.table(relation).toArrow()
        except Exception as error:  # noqa: BLE001 - the message is the result
            (out_dir / f"{relation}.missing").write_text(str(error).splitlines()[0])
            continue
        pq.write_table(table, out_dir / f"{relation}.parquet")
    session.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve(), sys.argv[3:])
