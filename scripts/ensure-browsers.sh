#!/usr/bin/env bash
# Installs Debian's Chromium and Firefox ESR when they are missing (the e2e tests drive
# them; browser downloads from test tools are not used).
set -euo pipefail
missing=()
command -v /usr/bin/chromium >/dev/null 2>&1 || missing+=(chromium)
command -v /usr/bin/firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing ${missing[*]}…"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
