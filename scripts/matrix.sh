#!/usr/bin/env bash
# The QGIS version matrix: runs the README's `make demo` and `make test` from a
# fresh clone of a commit inside Debian chroots with newer QGIS
#   trixie (Debian 13): QGIS 3.40 LTR, Python 3.13, pandas 2.2, numpy 2.2
#   sid (unstable):     QGIS 3.44 LTR, Python 3.14, pandas 2.3, numpy 2.4
# The chroots are built once and cached outside the clone (MATRIX_CACHE); a
# cached chroot is reused while its package lists are younger than
# MATRIX_MAX_AGE_H hours, otherwise it is brought up to date first.
#
# usage: scripts/matrix.sh [SUITE ...]          (default: trixie sid)
#   MATRIX_REF=<commit>   what to clone (default HEAD of this checkout)
#   MATRIX_CACHE=<dir>    where the chroots live (default /var/cache/sozialplanung-matrix)
#   MATRIX_TARGETS="demo test"   the make targets run in each chroot
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${MATRIX_CACHE:-/var/cache/sozialplanung-matrix}
REF=${MATRIX_REF:-HEAD}
TARGETS=${MATRIX_TARGETS:-demo test}
MAX_AGE_H=${MATRIX_MAX_AGE_H:-24}
SUITES=("$@")
[ ${#SUITES[@]} -gt 0 ] || SUITES=(trixie sid)
MIRROR=${MATRIX_MIRROR:-http://deb.debian.org/debian}
PACKAGES="qgis python3-qgis qgis-providers xvfb xauth python3-pandas python3-jinja2 python3-venv python3-pip \
pyqt5-dev-tools qttools5-dev-tools poppler-utils fonts-dejavu-core zip unzip make git ca-certificates locales python3-scipy rsync \
postgresql postgresql-postgis"

[ "$(id -u)" = 0 ] || { echo "matrix: needs root (debootstrap, chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
}

log() { printf '[matrix %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

apt_opts() {  # sid's Release file in the reachable archive is past its validity date
  if [ "$1" = sid ]; then echo "-o Acquire::Check-Valid-Until=false"; fi
}

mount_chroot() {
  local dir=$1
  mountpoint -q "$dir/proc" || mount -t proc proc "$dir/proc"
  mountpoint -q "$dir/dev" || mount --bind /dev "$dir/dev"
  mountpoint -q "$dir/dev/pts" || mount --bind /dev/pts "$dir/dev/pts" 2>/dev/null || true
  cp /etc/resolv.conf "$dir/etc/resolv.conf"
}

umount_chroot() {
  local dir=$1
  for m in dev/pts dev proc; do
    if mountpoint -q "$dir/$m"; then umount "$dir/$m" 2>/dev/null || umount -l "$dir/$m"; fi
  done
}

remove_chroot() {  # never delete through a bound /dev
  local dir=$1
  umount_chroot "$dir"
  if grep -q " $(readlink -f "$dir")/" /proc/mounts; then
    echo "matrix: $dir still has mounts, not removing it" >&2; return 1
  fi
  rm -rf "$dir"
}

in_chroot() {  # in_chroot DIR COMMAND...: a clean environment, as root
  local dir=$1; shift
  chroot "$dir" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive TERM=dumb "$@"
}

no_services() {  # packages installed in the chroot never start a service (e.g. a PostgreSQL on the host's port)
  printf '#!/bin/sh\nexit 101\n' >"$1/usr/sbin/policy-rc.d"
  chmod 755 "$1/usr/sbin/policy-rc.d"
}

ensure_chroot() {
  local suite=$1 dir=$CACHE/$1 opts
  opts=$(apt_opts "$suite")
  if [ ! -f "$dir/.sozialplanung-ready" ]; then
    log "$suite: building the chroot in $dir (debootstrap, then QGIS; several minutes)"
    [ ! -e "$dir" ] || remove_chroot "$dir"
    mkdir -p "$CACHE"
    debootstrap --variant=minbase "$suite" "$dir" "$MIRROR" >"$CACHE/$suite.debootstrap.log" 2>&1 || {
      tail -20 "$CACHE/$suite.debootstrap.log" >&2; return 1; }
    mount_chroot "$dir"
    no_services "$dir"
    in_chroot "$dir" apt-get $opts update -qq
    in_chroot "$dir" apt-get $opts install -y -qq --no-install-recommends $PACKAGES >"$CACHE/$suite.apt.log" 2>&1 || {
      tail -20 "$CACHE/$suite.apt.log" >&2; return 1; }
    date +%s >"$dir/.sozialplanung-ready"
  else
    mount_chroot "$dir"
    no_services "$dir"
    local age=$(( ($(date +%s) - $(cat "$dir/.sozialplanung-ready")) / 3600 ))
    if [ "$age" -ge "$MAX_AGE_H" ]; then
      log "$suite: package lists are $age h old, bringing the chroot up to date"
      in_chroot "$dir" apt-get $opts update -qq
      in_chroot "$dir" apt-get $opts install -y -qq --no-install-recommends $PACKAGES >"$CACHE/$suite.apt.log" 2>&1
      in_chroot "$dir" apt-get $opts upgrade -y -qq >>"$CACHE/$suite.apt.log" 2>&1
      date +%s >"$dir/.sozialplanung-ready"
    else
      log "$suite: cached chroot ($age h old)"
    fi
    if ! in_chroot "$dir" dpkg -s $PACKAGES >/dev/null 2>&1; then  # the list grew since the chroot was built
      log "$suite: installing packages added to the list"
      in_chroot "$dir" apt-get $opts update -qq
      in_chroot "$dir" apt-get $opts install -y -qq --no-install-recommends $PACKAGES >>"$CACHE/$suite.apt.log" 2>&1
    fi
  fi
  # pip inside the chroot reaches PyPI only with the host's CA bundle
  cp /etc/ssl/certs/ca-certificates.crt "$dir/etc/ssl/certs/ca-certificates.crt"
  printf '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n' >"$dir/etc/pip.conf"
  [ -f /etc/pip.conf ] && grep -v '^cert' /etc/pip.conf | grep -v '^\[global\]' >>"$dir/etc/pip.conf" || true
}

run_suite() {
  local suite=$1 dir=$CACHE/$1 src=/root/sozialplanung-matrix rc=0
  ensure_chroot "$suite"
  rm -rf "$dir$src"
  git clone -q --no-local "$ROOT" "$dir$src"
  git -C "$dir$src" checkout -q "$(git -C "$ROOT" rev-parse "$REF")"
  log "$suite: $(in_chroot "$dir" sh -c 'qgis_process.bin --version 2>/dev/null | grep -m1 QGIS; python3 --version') at $(git -C "$dir$src" rev-parse --short HEAD)"
  for target in $TARGETS; do
    local t0=$SECONDS
    if in_chroot "$dir" bash -c "cd $src && QT_QPA_PLATFORM=offscreen make $target"; then
      log "$suite: make $target passed ($((SECONDS - t0)) s)"
    else
      log "$suite: make $target FAILED ($((SECONDS - t0)) s)"; rc=1
    fi
  done
  # keep what the version wrote, for comparison and for looking at the pages
  mkdir -p "$ROOT/output/matrix/$suite"
  [ -d "$dir$src/output/demo" ] && cp -r "$dir$src/output/demo" "$ROOT/output/matrix/$suite/" || true
  return $rc  # the chroot stays mounted: another run may be using it
}

[ "${MATRIX_SOURCE_ONLY:-}" = 1 ] && return 0
status=0
for suite in "${SUITES[@]}"; do
  t0=$SECONDS
  run_suite "$suite" || status=1
  log "$suite: done in $((SECONDS - t0)) s"
done
exit $status
