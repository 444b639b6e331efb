#!/bin/sh
# Every benchmark of a base commit, run against that commit and against this
# tree in one run, then the table of ratios (this tree / base, on the minima).
#
#   benchmarks/compare.sh [BASE [HEAD]]
#
# BASE defaults to 97986eb (the commit before the restructure); HEAD, when
# given, is a commit checked out beside it (so that edits in progress do not
# change the figures), otherwise this tree as it is.
#
# The base is checked out as a git worktree under build/compare/base. For each
# benchmark file present in BASE, the base's own file runs against the base's
# code, then this tree's file of the same name runs against this tree's code,
# one after the other, so that both see about the same load on a shared
# machine. Benchmarks are matched by name; a benchmark that only one side has
# is listed apart. JSON saves stay in build/compare/ for a second look.
#
# COMPARE_ONLY="bench_selection bench_monitoring" runs those files only;
# COMPARE_OUT=build/other keeps a second comparison beside the first.
set -eu
base=${1:-97986eb}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/${COMPARE_OUT:-build/compare}"
python="$root/.venv/bin/python"
mkdir -p "$out"
if [ -d "$out/base" ]; then git -C "$root" worktree remove --force "$out/base"; fi
git -C "$root" worktree add --quiet --detach "$out/base" "$base"
head_root="$root"
if [ $# -ge 2 ]; then
    if [ -d "$out/head" ]; then git -C "$root" worktree remove --force "$out/head"; fi
    git -C "$root" worktree add --quiet --detach "$out/head" "$2"
    head_root="$out/head"
fi
cleanup() {
    git -C "$root" worktree remove --force "$out/base"
    if [ "$head_root" != "$root" ]; then git -C "$root" worktree remove --force "$head_root"; fi
}
trap cleanup EXIT
options="-q -o addopts= -p no:cacheprovider --benchmark-max-time=1.0 --benchmark-min-rounds=5"
echo "base $(git -C "$root" rev-parse --short "$base"), head ${2:-this tree}; $(nproc) cores"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for file in $(git -C "$root" ls-tree --name-only "$base" benchmarks/ | grep '/bench_.*\.py$'); do
    name=$(basename "$file" .py)
    case " ${COMPARE_ONLY:-$name} " in *" $name "*) ;; *) continue ;; esac
    (cd "$out/base" && PYTHONPATH="$out/base/src" "$python" -m pytest "$file" $options \
        --benchmark-json="$out/$name.base.json" >"$out/$name.base.log" 2>&1) \
        || echo "$name: base run failed, see $out/$name.base.log"
    (cd "$head_root" && PYTHONPATH="$head_root/src" "$python" -m pytest "$file" $options \
        --benchmark-json="$out/$name.head.json" >"$out/$name.head.log" 2>&1) \
        || echo "$name: head run failed, see $out/$name.head.log"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$python" "$root/benchmarks/compare_table.py" "$out" | tee "$out/table.md"
