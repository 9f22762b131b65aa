"""Start the dashboard: `streamlit run` on app.py in this virtualenv, on a chosen address and port."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = Path(__file__).with_name("app.py")


def command(port: int, address: str) -> list[str]:
    """The streamlit command line; headless, no usage statistics, no file watcher (nothing to reload)."""
    return [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.headless", "true",
        "--server.address", address,
        "--server.port", str(port),
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false",
        "--client.toolbarMode", "minimal",
    ]


def serve(port: int, address: str) -> int:
    """Become the streamlit process (exec), so a signal to `shopscore dashboard` reaches the server and
    stopping it leaves no orphan behind."""
    argv = command(port, address)
    os.execv(argv[0], argv)
    return 0  # not reached
