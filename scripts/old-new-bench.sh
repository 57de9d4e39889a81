#!/bin/bash
# Old jar against new jar, the four Table 1 configurations, interleaved: each round runs both jars back to back,
# the old one first in odd rounds and the new one first in even rounds (the first of a pair tends to be faster on
# this VM), then prints each configuration's medians and the median of the paired ratios new/old.
# Usage: scripts/old-new-bench.sh OLD.jar NEW.jar [rounds=6] [threads=default]
set -euo pipefail
old=${1:?usage: scripts/old-new-bench.sh OLD.jar NEW.jar [rounds] [threads]}
new=${2:?usage: scripts/old-new-bench.sh OLD.jar NEW.jar [rounds] [threads]}
rounds=${3:-6}
threads=${4:+--threads $4}
configs=("200H~784V 1" "200H~784V 5" "200H~200H~784V 1" "200H~200H~784V 5")
out=$(mktemp)
rate() { env -u OPENBLAS_CORETYPE java -jar "$1" bench --arch "$2" -m "$3" --runs 3 $threads 2>/dev/null | awk '/^examples\/s:/ {print $2}'; }
for ((r = 1; r <= rounds; r++)); do
  for cfg in "${configs[@]}"; do
    set -- $cfg
    if ((r % 2)); then o=$(rate "$old" "$1" "$2"); n=$(rate "$new" "$1" "$2"); else n=$(rate "$new" "$1" "$2"); o=$(rate "$old" "$1" "$2"); fi
    echo "round $r  $1 m=$2  old $o  new $n" | tee -a "$out"
  done
done
echo "medians over $rounds rounds, $(uptime | sed 's/.*load/load/'):"
python3 - "$out" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r'round \d+\s+(\S+ m=\d+)\s+old (\d+)\s+new (\d+)', line)
    if m:
        rows.setdefault(m.group(1), []).append((int(m.group(2)), int(m.group(3))))
for name, pairs in rows.items():
    o = statistics.median(p[0] for p in pairs); n = statistics.median(p[1] for p in pairs)
    ratio = statistics.median(p[1] / p[0] for p in pairs)
    print(f"{name:20s} old {o:7.0f}  new {n:7.0f}  paired ratio {ratio:.3f}")
PY
rm -f "$out"
