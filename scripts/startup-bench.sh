#!/bin/bash
# Start-up time of the app (issue 30: a usable window within 3 s of the command on a warm machine): launches the README's
# command N times (after one untimed launch that warms the disk cache), each with fresh preferences (a first launch: the
# tour shows), and prints each run's "startup:" line and the median. Needs a display: under Xvfb, DISPLAY=:97 or
# xvfb-run -a scripts/startup-bench.sh. Usage: [JAVA_OPTS=...] scripts/startup-bench.sh [N] [jar]
# The untimed first launch of a build lists its classes; its start-up class archive is written in the background after
# it closes (README, "The start-up class archive"), so the script waits for that before timing. JAVA_OPTS=-Xshare:auto
# (any sharing option of the user's) times the launches without the archive.
set -eu
n=${1:-5}
jar=${2:-target/concrete-explorer.jar}
run() {
    prefs=$(mktemp -d)
    timeout 60 java ${JAVA_OPTS:-} -Dconcrete.startup.report=true -Dconcrete.startup.exit=true -Djava.util.prefs.userRoot="$prefs" -jar "$jar" 2>/dev/null \
        | grep "^startup:" || echo "startup: failed (no window within 60 s)"
    rm -rf "$prefs"
}
run > /dev/null
cds="${XDG_CACHE_HOME:-$HOME/.cache}/concrete-explorer/cds"
for _ in $(seq 120); do   # the archive's writer: a list or a dump in the folder while it works (up to a minute)
    [ -n "$(find "$cds" -name '*.classes' -o -name '*.dump' 2>/dev/null)" ] || break
    sleep 0.5
done
times=()
failed=0
for i in $(seq "$n"); do
    line=$(run)
    echo "run $i: $line"
    t=$(echo "$line" | sed -n 's/^startup: usable window after \([0-9]*\) ms.*/\1/p')
    if [ -n "$t" ]; then times+=("$t"); else failed=$((failed + 1)); fi
done
[ ${#times[@]} -gt 0 ] || { echo "no run opened its window ($failed failed)"; exit 1; }
printf '%s\n' "${times[@]}" | sort -n | awk -v failed="$failed" '{a[NR] = $1}
    END { m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
          printf "median usable window: %.0f ms over %d runs (%d failed)\n", m, NR, failed }'
