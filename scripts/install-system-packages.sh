#!/usr/bin/env bash
# The Debian packages the browser tests, the dashboard and the clock test need: chromium (driven by Python playwright;
# never `playwright install`, which downloads a browser build) and fonts-noto-cjk (Chinese shop and
# category names in screenshots), and with SHOPSCORE_JAVA=1 openjdk-17-jre-headless (Spark, `make install-spark`).
# Installs only what is missing, so a machine that has them pays nothing.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed" || missing+=(fonts-noto-cjk)
# libfaketime: the determinism test builds the same files under another wall clock (LD_PRELOAD).
dpkg-query -W -f='${Status}' libfaketime 2>/dev/null | grep -q "install ok installed" || missing+=(libfaketime)
# Java 17 for Spark (issue #12, `make install-spark`), opt-in: SHOPSCORE_JAVA=1. The DuckDB path needs no JVM.
if [ "${SHOPSCORE_JAVA:-0}" = "1" ]; then
    command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
fi

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    sudo_cmd=()
elif command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
else
    echo "install-system-packages: missing Debian packages: ${missing[*]}; run as root: apt-get install -y ${missing[*]}" >&2
    exit 1
fi

echo "==> apt-get install ${missing[*]} (browser tests, Chinese fonts, libfaketime; Java for Spark if asked)" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
