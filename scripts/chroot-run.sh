#!/usr/bin/env bash
# For developers: run a command inside a matrix chroot on a copy of this
# working tree (uncommitted changes included), e.g.
#   scripts/chroot-run.sh sid 'make test'
#   scripts/chroot-run.sh trixie 'make build && .venv/bin/python -m pytest -x tests/test_join.py'
# The copy lives in the chroot at /root/dev-$NAME (NAME=${CHROOT_DEV_NAME:-dev}),
# keeps its own .venv and build/ between calls.
set -euo pipefail
suite=$1; shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MATRIX_SOURCE_ONLY=1 source "$ROOT/scripts/matrix.sh"
ensure_chroot "$suite" >&2
dest=/root/dev-${CHROOT_DEV_NAME:-dev}
mkdir -p "$CACHE/$suite$dest"
rsync -a --delete --exclude .git --exclude .venv --exclude build --exclude dist --exclude output \
  --exclude .make --exclude __pycache__ --exclude .hypothesis "$ROOT/" "$CACHE/$suite$dest/"
in_chroot "$CACHE/$suite" bash -c "cd $dest && export QT_QPA_PLATFORM=offscreen && $*"
