#!/bin/bash
# Carries a sweep's results root from one machine to the next through the repository, for sweeps longer than one working
# session on machines that do not keep files outside the work tree (issue 31's Table 1: ~25 core-hours on 2 cores).
#
#   scripts/sweep-state.sh save <results-root> <state-folder>     after stopping the sweep (kill -TERM: jobs checkpoint)
#   scripts/sweep-state.sh restore <state-folder> <results-root>  on the next machine, before running the sweep again
#
# save keeps, for every job folder, what the sweep and the Results tab read back — result.properties, epochs.csv (the
# per-epoch validation curve), train.log, eval-k5000.txt (scripts/table1-k5000.sh), train-seconds.txt (the job's training
# time so far: a job resumed on the next machine adds to it); not the per-step training.csv (~0.4 MB gzipped a job: the Results tab then
# shows no curves for the job) — and, for a job that is not done, its training state last.ckpt (previous.ckpt
# when a save was cut between its renames): the sweep resumes it from there. A done job's checkpoint is left out (3.8–10
# MB each; its result is what the table needs). restore copies them back into an empty or new results root (it never
# replaces a file that is there: a root in use stays as it is). The sweep refuses nothing it would not refuse anyway: a
# restored folder is the folder it was.
set -euo pipefail
usage() { echo "usage: scripts/sweep-state.sh save <results-root> <state-folder> | restore <state-folder> <results-root>" >&2; exit 2; }
[ $# -eq 3 ] || usage
small=(result.properties epochs.csv train.log eval-k5000.txt train-seconds.txt)
case "$1" in
save)
  root=$2; state=$3
  [ -d "$root" ] || { echo "error: $root is not a results root (no such folder)" >&2; exit 1; }
  if [ -e "$root/.sweep.lock" ] && pgrep -f "concrete-explorer.* sweep .*--root $root" >/dev/null; then
    echo "error: a sweep is running into $root; stop it first (kill -TERM its java process: the jobs save their state)" >&2
    exit 1
  fi
  rm -rf "$state.tmp"; mkdir -p "$state.tmp"
  jobs=0; kept=0
  for job in "$root"/*/; do
    job=${job%/}; name=$(basename "$job")
    [[ "$name" == *=* ]] || continue
    mkdir -p "$state.tmp/$name"; jobs=$((jobs + 1))
    for f in "${small[@]}"; do [ -f "$job/$f" ] && cp -p "$job/$f" "$state.tmp/$name/"; done
    if ! grep -q '^status=done$' "$job/result.properties" 2>/dev/null; then
      for c in last.ckpt previous.ckpt; do
        if [ -f "$job/$c" ]; then cp -p "$job/$c" "$state.tmp/$name/"; kept=$((kept + 1)); break; fi
      done
    fi
  done
  for f in results.csv results.md; do [ -f "$root/$f" ] && cp -p "$root/$f" "$state.tmp/"; done
  rm -rf "$state"; mv "$state.tmp" "$state"
  echo "$state: $jobs job folders, $kept training states of jobs not done ($(du -sh "$state" | cut -f1))"
  ;;
restore)
  state=$2; root=$3
  [ -d "$state" ] || { echo "error: $state is not a saved sweep state (no such folder)" >&2; exit 1; }
  mkdir -p "$root"
  restored=0
  for job in "$state"/*/; do
    job=${job%/}; name=$(basename "$job")
    [[ "$name" == *=* ]] || continue
    if [ -e "$root/$name" ]; then echo "kept $root/$name (already there)"; continue; fi
    mkdir -p "$root/$name.restoring"
    cp -p "$job"/* "$root/$name.restoring/"
    mv "$root/$name.restoring" "$root/$name"; restored=$((restored + 1))
  done
  for f in results.csv results.md; do [ -f "$state/$f" ] && [ ! -e "$root/$f" ] && cp -p "$state/$f" "$root/"; done
  echo "$root: $restored job folders restored from $state"
  ;;
*) usage ;;
esac
