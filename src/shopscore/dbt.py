"""Run dbt as a subprocess of this virtualenv, against a chosen DuckDB file and raw folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from shopscore.paths import PROJECT_DIR


class DbtError(RuntimeError):
    """dbt exited non-zero; the message carries its command and the tail of its output."""


def dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def run_dbt(
    args: Sequence[str],
    *,
    db_path: Path,
    dbt_vars: Mapping[str, Any] | None = None,
    target_path: Path | None = None,
    log_path: Path | None = None,
    capture: bool = False,
    check: bool = True,
    project_dir: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `dbt <args>` in the project directory (or in project_dir, e.g. a copy with other seeds).

    db_path becomes $SHOPSCORE_DB; target_path and log_path keep concurrent runs apart.
    """
    project = project_dir or PROJECT_DIR
    env = dict(os.environ)
    env["SHOPSCORE_DB"] = str(db_path)
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    if target_path is not None:
        env["DBT_TARGET_PATH"] = str(target_path)
    if log_path is not None:
        env["DBT_LOG_PATH"] = str(log_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    cmd = [dbt_executable(), *args, "--profiles-dir", str(project), "--project-dir", str(project)]
    if dbt_vars:
        cmd += ["--vars", json.dumps(dict(dbt_vars), default=str)]
    result = subprocess.run(
        cmd,
        cwd=project,
        env=env,
        text=True,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.STDOUT if capture else None,
        check=False,
    )
    if check and result.returncode != 0:
        tail = "\n".join((result.stdout or "").splitlines()[-60:])
        raise DbtError(f"dbt {' '.join(args)} failed (exit {result.returncode}).\n{tail}")
    return result
