"""Deliver a `--daily` generation one day at a time, as the platform would (SPEC §11).

`deliver_through(source, target, day)` copies into `target` every file of `source` that a delivery up to
`day` holds: the snapshot files outside partitions (`categories/part-0.parquet`, `shops/part-0.parquet`,
and the planted bad rows of those two) and every `dt=YYYY-MM-DD/` partition with a date on or before `day`,
of every table, at the same relative paths. It never deletes or overwrites a file already in `target`
(so calling it again is a no-op, and a test may change or delete a delivered file on purpose), and returns
the files it added. Delivering day N and then day N+1 adds exactly the partitions of N+1.

`_generator.json` is not delivered: it describes the whole generation (all days), which a platform's
delivery would not carry, and the warehouse does not read it.

Files are copied with their modification time (`shutil.copy2`), not hard-linked: a test that changes a
delivered file must not change the generation it came from.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

from shopscore.contract import TABLES

_PARTITION = re.compile(r"dt=(\d{4}-\d{2}-\d{2})")


def _partition_date(relative: Path) -> date | None:
    """The date of the first `dt=YYYY-MM-DD` folder on a table-relative path; None outside partitions."""
    for part in relative.parts[:-1]:
        found = _PARTITION.fullmatch(part)
        if found:
            return date.fromisoformat(found.group(1))
    return None


def delivered_files(source: Path, day: date) -> list[Path]:
    """The files of `source` (relative to it) that a delivery through `day` holds, sorted."""
    source = Path(source)
    files: list[Path] = []
    for table in TABLES:
        folder = source / table
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            if not path.is_file():
                continue
            partition = _partition_date(path.relative_to(folder))
            if partition is None or partition <= day:
                files.append(path.relative_to(source))
    return sorted(files)


def deliver_through(source: Path, target: Path, day: date) -> list[Path]:
    """Copy the snapshot files and every partition with `dt <= day` from `source` to `target`.

    Returns the files added (paths under `target`, sorted); files already in `target` are left as they are.
    """
    source, target = Path(source), Path(target)
    if not source.is_dir():
        raise FileNotFoundError(f"no generation to deliver from: {source} is not a folder")
    added: list[Path] = []
    for relative in delivered_files(source, day):
        destination = target / relative
        if destination.exists():
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / relative, destination)
        added.append(destination)
    return added
