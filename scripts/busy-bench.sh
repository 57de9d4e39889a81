#!/usr/bin/env bash
# Training throughput with one core held by a busy loop (issue 30): `bench --runs 3` at the default thread count
# against `--threads 1`, interleaved, for the four Table 1 configurations.
#   scripts/busy-bench.sh [rounds=2] [jar=target/concrete-explorer.jar]
# A `yes > /dev/null` runs for the whole script (killed on exit). Prints each pair and, last, the median ratio per
# configuration. Run it on an otherwise quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
jar=${2:-target/concrete-explorer.jar}
configs=("200H~784V 1" "200H~784V 5" "200H~200H~784V 1" "200H~200H~784V 5")
yes > /dev/null &
busy=$!
trap 'kill $busy 2>/dev/null' EXIT
rate() { env -u OPENBLAS_CORETYPE java -jar "$jar" bench --arch "$1" -m "$2" --runs 3 "${@:3}" 2>/dev/null \
  | awk '/^examples\/s:/ {print $2}'; }
out=$(mktemp)
for ((r = 1; r <= rounds; r++)); do
  for cfg in "${configs[@]}"; do
    set -- $cfg
    if ((r % 2)); then all=$(rate "$1" "$2"); one=$(rate "$1" "$2" --threads 1)
    else one=$(rate "$1" "$2" --threads 1); all=$(rate "$1" "$2"); fi
    echo "$1 m=$2 round $r: default $all, one thread $one, ratio $(awk -v a="$all" -v b="$one" 'BEGIN {printf "%.3f", a / b}')" | tee -a "$out"
  done
done
echo "median ratio (default threads / one thread) with one core busy:"
for cfg in "${configs[@]}"; do
  set -- $cfg
  grep "^$1 m=$2 " "$out" | sed 's/.*ratio //' | sort -n \
    | awk -v c="$1 m=$2" '{v[NR] = $1} END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "  %s: %.3f (%d rounds)\n", c, m, NR}'
done
rm -f "$out"
