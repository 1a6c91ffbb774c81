#!/usr/bin/env bash
# Makes sure the real parts the tests run against are installed: Mosquitto (broker and clients), Debian's
# Chromium (end-to-end tests), Xvfb (a display for the Electron test where an Electron binary exists) and
# openssl (the TLS tests make their own certificates).
set -euo pipefail
packages=(mosquitto mosquitto-clients chromium xvfb openssl)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "The tests need these Debian packages: ${missing[*]}. Install them with: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages for the tests: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
