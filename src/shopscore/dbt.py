"""Run dbt as a subprocess of this virtualenv, against a chosen DuckDB file and raw folder."""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from shopscore.paths import PROJECT_DIR

# Lines of dbt's output kept for an error message.
TAIL_LINES = 60


class DbtError(RuntimeError):
    """dbt exited non-zero; the message carries its command and the tail of its output."""

    def __init__(self, message: str, returncode: int = 1) -> None:
        super().__init__(message)
        self.returncode = returncode


def dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def _command(
    args: Sequence[str],
    *,
    db_path: Path,
    dbt_vars: Mapping[str, Any] | None,
    target_path: Path | None,
    log_path: Path | None,
    project_dir: Path | None,
    env_overrides: Mapping[str, str] | None = None,
) -> tuple[list[str], dict[str, str], Path]:
    project = project_dir or PROJECT_DIR
    env = dict(os.environ)
    env.update(env_overrides or {})
    # The profile builds into $SHOPSCORE_WORK_DB (the working database); $SHOPSCORE_DB is the published file.
    env["SHOPSCORE_WORK_DB"] = str(db_path)
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    if target_path is not None:
        env["DBT_TARGET_PATH"] = str(target_path)
    if log_path is not None:
        env["DBT_LOG_PATH"] = str(log_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    cmd = [dbt_executable(), *args, "--profiles-dir", str(project), "--project-dir", str(project)]
    if dbt_vars:
        cmd += ["--vars", json.dumps(dict(dbt_vars), default=str)]
    return cmd, env, project


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
    env_overrides: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `dbt <args>` in the project directory (or in project_dir, e.g. a copy with other seeds).

    db_path is the database dbt builds into: it becomes $SHOPSCORE_WORK_DB, which the profile reads (the
    published file $SHOPSCORE_DB is written only by shopscore.publish). target_path and log_path keep
    concurrent runs apart. env_overrides adds to dbt's environment (e.g. the Spark target's folders).
    """
    cmd, env, project = _command(args, db_path=db_path, dbt_vars=dbt_vars, target_path=target_path,
                                 log_path=log_path, project_dir=project_dir, env_overrides=env_overrides)
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
        tail = "\n".join((result.stdout or "").splitlines()[-TAIL_LINES:])
        raise DbtError(f"dbt {' '.join(args)} failed (exit {result.returncode}).\n{tail}", result.returncode)
    return result


def stream_dbt(
    args: Sequence[str],
    *,
    db_path: Path,
    dbt_vars: Mapping[str, Any] | None = None,
    target_path: Path | None = None,
    log_path: Path | None = None,
    out: TextIO | None = None,
    project_dir: Path | None = None,
    env_overrides: Mapping[str, str] | None = None,
) -> tuple[int, list[str]]:
    """Run `dbt <args>`, copying its output line by line to `out` (default stderr) as it comes.

    env_overrides are set in dbt's environment (e.g. the score dates of `shopscore daily`, read with
    env_var() so that they do not change --vars and dbt keeps its partial parse).

    Returns (exit code, the last TAIL_LINES lines). dbt writes into a pipe: if this process is killed,
    dbt's next write fails and it stops too, instead of building on unseen.
    """
    cmd, env, project = _command(args, db_path=db_path, dbt_vars=dbt_vars, target_path=target_path,
                                 log_path=log_path, project_dir=project_dir, env_overrides=env_overrides)
    sink = out if out is not None else sys.stderr
    tail: collections.deque[str] = collections.deque(maxlen=TAIL_LINES)
    with subprocess.Popen(cmd, cwd=project, env=env, text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, bufsize=1) as process:
        assert process.stdout is not None
        for line in process.stdout:
            sink.write(line)
            sink.flush()
            tail.append(line.rstrip("\n"))
        returncode = process.wait()
    return returncode, list(tail)
