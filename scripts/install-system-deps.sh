#!/usr/bin/env bash
# Installs the system packages the test suite needs: Debian's chromium (driven by Playwright's
# Python API through executable_path; browsers cannot be downloaded here) and fonts for
# readable screenshots. Idempotent: does nothing when everything is already there.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "Paket sistem belum terpasang: ${need[*]}." >&2
  echo "Jalankan sebagai root: apt-get install -y ${need[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "Memasang paket sistem: ${need[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
command -v chromium >/dev/null 2>&1 || { echo "chromium gagal dipasang." >&2; exit 1; }
