#!/usr/bin/env bash
# Training throughput against the PyTorch peer, interleaved on this machine (issue 16's table):
#   [MODE=bench|train|app] scripts/peer-bench.sh [rounds=2] [threads=cores]
# Each round runs, for each of the four configurations, ours and then the peer (../shared/bench/torch_concrete_vae.py,
# one epoch) at its best setting here (SkylakeX kernels, one thread). Ours is, by MODE:
#   bench  `bench --runs 3`: the median of 3 timed runs of 500 steps (the default)
#   train  the CLI: `train --epochs 10` on all 50,000 images, its "trained on … images/s" line (wall clock of the whole
#          run with logs and checkpoints, JIT warm-up included; the per-epoch validation, 100 images, not counted)
#   app    the app: FxLatencyBenchmark (the real window, Start pressed with the form set to the configuration) for
#          30 s on $DISPLAY (e.g. Xvfb :77), its training throughput over the window (validation not counted); its
#          FX-latency pings every 200 ms, not 10: at 100 Hz they are the benchmark's own load (3-7 % of the training)
# Needs the jar (mvn -DskipTests package) and the peer's Python (apt-get install python3-torch
# libopenblas0-pthread). Prints one line per run and, last, the medians and ratios. Run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
threads=${2:-$(nproc)}
peer=${PEER:-../shared/bench/torch_concrete_vae.py}
python=${PYTHON:-/usr/bin/python3}
configs=("200H~784V 1" "200H~784V 5" "200H~200H~784V 1" "200H~200H~784V 5")
out=$(mktemp)
for ((r = 1; r <= rounds; r++)); do
  for cfg in "${configs[@]}"; do
    set -- $cfg
    # the launcher picks the CPU's best OpenBLAS kernels when the variable is unset (this VM presets Haswell)
    case "${MODE:-bench}" in
      bench) ours=$(env -u OPENBLAS_CORETYPE java -jar target/concrete-explorer.jar bench --arch "$1" -m "$2" --runs 3 \
               --threads "$threads" 2>/dev/null | awk '/^examples\/s:/ {print $2}') ;;
      train) run=$(mktemp -d)
             ours=$(env -u OPENBLAS_CORETYPE java -jar target/concrete-explorer.jar train --arch "$1" -m "$2" --epochs 10 \
               --val-limit 100 --val-samples 1 --threads "$threads" --out "$run/run" --quiet 2>/dev/null \
               | sed -n 's/^trained on .*: \([0-9,]*\) images\/s.*/\1/p' | tr -d ,)
             rm -rf "$run" ;;
      app)   ours=$(env -u OPENBLAS_CORETYPE java -Dbench.arch="$1" -Dbench.m="$2" -Dmnist.dir=data/mnist -Dbench.pingMillis=200 \
               -Djava.util.prefs.userRoot="$(mktemp -d)" -cp "target/concrete-explorer.jar:target/lib/*" \
               org.concretelab.ui.bench.FxLatencyBenchmark 30 2>/dev/null \
               | awk '/^training throughput over the window:/ {print $6}') ;;
      *) echo "MODE must be bench, train or app" >&2; exit 2 ;;
    esac
    theirs=$(OPENBLAS_CORETYPE=SkylakeX OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$python" "$peer" --idx data/mnist \
      --arch "$1" -m "$2" --threads 1 2>/dev/null | awk '/^torch examples\/s:/ {print $3}')
    echo "round $r  $1 m=$2  ours $ours  peer $theirs" | tee -a "$out"
  done
done
echo "medians over $rounds round(s), ours (${MODE:-bench}) with $threads thread(s), $(uptime | sed 's/.*load/load/'):"
for cfg in "${configs[@]}"; do
  set -- $cfg
  grep -F " $1 m=$2 " "$out" | awk -v name="$1 m=$2" '{o[NR] = $6; p[NR] = $8}
    function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    END { mo = median(o, NR); mp = median(p, NR); printf "%-20s ours %6.0f  peer %6.0f  ratio %.2f\n", name, mo, mp, mo / mp }'
done
rm -f "$out"
