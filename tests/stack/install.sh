#!/usr/bin/env bash
# Installs the real stack into .stack/ (gitignored): Debian packages, then `go install` of the
# pinned livekit-server, and the pinned livekit-sip: `go install` where the module proxy serves
# it, else built from its source archive (LIVEKIT_SIP_SOURCE) checked against the pinned SHA-256.
# A stamp file per binary: rebuilt only when its pin changes. Pins: tests/stack/versions.env.
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

# Go's own installer puts it in /usr/local/go, which is not always on PATH.
command -v go >/dev/null || [ ! -x /usr/local/go/bin/go ] || PATH="$PATH:/usr/local/go/bin"
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

apt_install $APT_PACKAGES $APT_PACKAGES_PEERS
server="$LIVEKIT_SERVER_MODULE@$LIVEKIT_SERVER_VERSION"
built server "$server" || build server "$server"

# The bridge: one pin (tag + SHA-256 of its source) whichever way it is built.
sip="$LIVEKIT_SIP_MODULE@$LIVEKIT_SIP_VERSION sha256:$LIVEKIT_SIP_SHA256"
if ! built livekit-sip "$sip"; then
  apt_install $APT_PACKAGES_SIP
  # The archive beside the project folder (for a git worktree: beside its main checkout).
  archive="shared/vendor/livekit-sip-$LIVEKIT_SIP_VERSION.tar.gz"
  main="$(dirname "$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null \
          || echo "$ROOT/.git")")"
  source="${LIVEKIT_SIP_SOURCE:-$ROOT/../$archive}"
  [ -n "${LIVEKIT_SIP_SOURCE:-}" ] || [ -f "$source" ] || source="$main/../$archive"
  start=$SECONDS
  echo "stack: building $LIVEKIT_SIP_MODULE@$LIVEKIT_SIP_VERSION with go install"
  if (cd "$STACK" && go install "$LIVEKIT_SIP_MODULE@$LIVEKIT_SIP_VERSION") \
       >"$STACK/sip-install.log" 2>&1; then
    :
  else
    # Here the proxy answers 403 for the module's version list (and for every newer tag's
    # dependencies); the same tag's source archive builds with dependencies it does serve.
    echo "stack: go install failed: $(grep -m1 -E '403|error|cannot' "$STACK/sip-install.log" \
          || tail -1 "$STACK/sip-install.log")"
    if [ ! -f "$source" ]; then
      echo "stack: no source archive of livekit-sip $LIVEKIT_SIP_VERSION at $source." >&2
      echo "       Set LIVEKIT_SIP_SOURCE to a .tar.gz of that tag (git archive" >&2
      echo "       --prefix=livekit-sip-$LIVEKIT_SIP_VERSION/ $LIVEKIT_SIP_VERSION)." >&2
      exit 1
    fi
    actual="$(sha256sum "$source" | cut -d' ' -f1)"
    if [ "$actual" != "$LIVEKIT_SIP_SHA256" ]; then
      echo "stack: $source has SHA-256 $actual, not the pinned $LIVEKIT_SIP_SHA256" \
           "(tests/stack/versions.env): refusing to build it" >&2
      exit 1
    fi
    echo "stack: building livekit-sip $LIVEKIT_SIP_VERSION from $source (SHA-256 checked)"
    rm -rf "$STACK/src/livekit-sip" && mkdir -p "$STACK/src/livekit-sip"
    tar xzf "$source" -C "$STACK/src/livekit-sip" --strip-components=1
    (cd "$STACK/src/livekit-sip" && go build -o "$STACK/bin/livekit-sip" ./cmd/livekit-sip)
  fi
  echo "$sip" > "$STACK/bin/.livekit-sip.stamp"
  echo "stack: built livekit-sip in $((SECONDS - start)) s"
fi
