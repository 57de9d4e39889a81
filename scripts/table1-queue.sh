#!/bin/bash
# Issue 31's remaining runs one after another, so the cores never wait for a person between them; every step resumes
# where a stop cut it (finished jobs are skipped, the others continue from their last checkpoint; a cell already scored
# at k = 5000 is not scored again), so the same command continues after a stop, in this session or the next:
#   1. the Table 1 sweep (sweeps/table1-50.sweep, 2 jobs at a time) into <table1-root>;
#   2. sweeps/table1-50.csv from it, then k = 5000 for the best cell of each complete column (scripts/table1-k5000.sh);
#   3. the n-ary rows at width 240 (sweeps/nary-240.sweep, 900 epochs, k = 5000) into <nary-root>.
# Stop it with `kill -TERM <this script's pid>` (or Ctrl+C): the running sweep or evaluation is stopped the way it stops
# on its own (the trainings write their checkpoints and their time), then the script ends; nothing is lost but the
# epoch each training was in.
# Usage: scripts/table1-queue.sh <table1-root> <nary-root>   (from the repository's root; JAR= another build's jar —
# keep the sweep on a copy of the jar, e.g. /work/jars/sweep/concrete-explorer.jar, while you rebuild target/)
set -u
t1=${1:?usage: scripts/table1-queue.sh <table1-root> <nary-root>}
nary=${2:?usage: scripts/table1-queue.sh <table1-root> <nary-root>}
export JAR=${JAR:-target/concrete-explorer.jar}
jar=$JAR
[ -f "$jar" ] || { echo "error: $jar not found: build it (mvn -DskipTests package) or give JAR=" >&2; exit 1; }
child=
stop() {
    echo "$(date -u +%H:%M:%S) queue: stopping (the running step keeps its checkpoints)"
    if [ -n "$child" ]; then
        # a script step as a whole process group (its eval's java with it: the script alone would leave it running); a
        # sweep's java alone, which stops its trainings itself (a training stopped behind its back would count as failed)
        if [ "$kind" = script ]; then kill -TERM -- "-$child" 2>/dev/null; else kill -TERM "$child" 2>/dev/null; fi
        wait "$child"
    fi
    exit 143
}
trap stop TERM INT
kind=
step() { # runs one step in the background so a TERM reaches this script at once; returns its exit code
    case "$1" in java) kind=java ;; *) kind=script ;; esac
    echo "$(date -u +%H:%M:%S) queue: $*"
    # setsid makes a script step its own process group with $! as its id (so stop() can signal the group): true here
    # because a script runs without job control (under `bash -m` setsid would fork and $! would not be the group)
    if [ "$kind" = script ]; then setsid "$@" & else "$@" & fi
    child=$!
    wait "$child"
    local rc=$?
    child=
    echo "$(date -u +%H:%M:%S) queue: exit $rc"
    return $rc
}
step java -jar "$jar" sweep sweeps/table1-50.sweep --root "$t1" --parallel 2 --progress 60
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 4 ] || { echo "queue: the Table 1 sweep ended with exit $rc; stopping here" >&2; exit $rc; }
step scripts/table1-csv.sh 50 "$t1" || exit $?
step scripts/table1-k5000.sh 50 "$t1" 2 || exit $?
step scripts/table1-csv.sh 50 "$t1" || exit $?
step java -jar "$jar" sweep sweeps/nary-240.sweep --root "$nary" --parallel 2 --progress 60
