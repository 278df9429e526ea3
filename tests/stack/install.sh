#!/usr/bin/env bash
# Installs the real stack into .stack/ (gitignored): Debian packages, then `go install` of the
# pinned livekit-server (and livekit-sip when the module proxy serves it). A stamp file per
# binary: rebuilt only when its pin changes. Pins: tests/stack/versions.env.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source=versions.env
. "$ROOT/tests/stack/versions.env"
STACK="$ROOT/.stack"
mkdir -p "$STACK/bin"

apt_install() {  # apt_install PKG...: install the missing ones; `apt-get update` only if needed
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "stack: installing Debian packages: ${missing[*]}"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  local apt=($sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
  "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { "${apt[@]}" update -qq >/dev/null \
         && "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
}

command -v go >/dev/null || { echo "stack: Go is required (https://go.dev/dl/)" >&2; exit 1; }
export GOPATH="$STACK/go" GOMODCACHE="$STACK/go/pkg/mod" GOCACHE="$STACK/go/cache"
export GOBIN="$STACK/bin" GOFLAGS="-modcacherw -buildvcs=false" CGO_ENABLED=1

built() {  # built NAME MODULE@VERSION: the binary is there and was built from that pin
  [ -x "$STACK/bin/$1" ] && [ "$(cat "$STACK/bin/.$1.stamp" 2>/dev/null)" = "$2" ]
}
build() {  # build NAME MODULE@VERSION
  local start=$SECONDS
  echo "stack: building $2 (minutes on a fresh machine)"
  go install "$2"
  echo "$2" > "$STACK/bin/.$1.stamp"
  echo "stack: built $1 in $((SECONDS - start)) s"
}

apt_install $APT_PACKAGES
server="$LIVEKIT_SERVER_MODULE@$LIVEKIT_SERVER_VERSION"
built server "$server" || build server "$server"

sip="$LIVEKIT_SIP_MODULE@$LIVEKIT_SIP_VERSION"
if ! built livekit-sip "$sip"; then
  sip_module="${LIVEKIT_SIP_MODULE%/cmd/*}@$LIVEKIT_SIP_VERSION"
  if (cd "$STACK" && go mod download "$sip_module" >"$STACK/sip-download.log" 2>&1); then
    apt_install $APT_PACKAGES_SIP
    build livekit-sip "$sip"
  else
    echo "stack: the Go module proxy refuses $sip_module; going on without the SIP bridge"
    echo "       ($(tail -1 "$STACK/sip-download.log"))"
  fi
fi
