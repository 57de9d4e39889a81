#!/bin/bash
# Table 1's best cell of each column scored again at k = 5000 (issue 31: k = 1000 for every cell, k = 5000 for the best of
# each column — m = 1, 5, 50 × Concrete / the score-function estimator, over the four density architectures). Reads
# sweeps/table1-<budget>.csv (scripts/table1-csv.sh), takes for each column whose four cells are done (none with the EMA
# centring of builds before 2026-12-07 12:50 UTC, the † cells: they are rerun) the cell with the
# lowest test NLL, and runs `eval -k 5000` on all 10,000 test images on that job's checkpoint in <results-root>; the
# output goes to the job folder's eval-k5000.txt, which scripts/table1-csv.sh reads into the test_nll_k5000 column. A
# column with a cell not done yet, or whose best cell's checkpoint is not in the root, is skipped with a line saying why;
# one already scored (eval-k5000.txt there) is not scored again.
# About 15 minutes of one core a cell for 200H~200H~784V (5 × the k = 1000 scoring); the eval's own --threads.
# Usage: scripts/table1-k5000.sh <budget> <results-root> [threads=2]   (then scripts/table1-csv.sh to update the CSV)
set -eu
budget=${1:?usage: scripts/table1-k5000.sh <budget> <results-root> [threads]}
root=${2:?usage: scripts/table1-k5000.sh <budget> <results-root> [threads]}
threads=${3:-2}
jar=${JAR:-target/concrete-explorer.jar}
csv="sweeps/table1-${budget}.csv"
[ -f "$csv" ] || { echo "error: $csv not found (scripts/table1-csv.sh writes it)" >&2; exit 1; }
[ -d "$root" ] || { echo "error: $root is not a results root (no such folder)" >&2; exit 1; }
python3 - "$csv" "$root" <<'PY' | while IFS=$'\t' read -r column job; do
import csv, glob, os, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding='utf-8')) if r['task'] == 'density']
root = sys.argv[2]
for m in ('1', '5', '50'):
    for est in ('concrete', 'nvil' if m == '1' else 'vimco'):
        column = 'm = %s, %s' % (m, est)
        cells = [r for r in rows if r['m'] == m and r['estimator'] == est]
        # every cell final: done, and not with the old centring (a † cell is rerun, and may become the best)
        if len(cells) < 4 or any(r['status'] != 'done' or not r['test_nll'] or r['centring'] == 'every-reader'
                                 for r in cells):
            print('%s\t-' % column)
            continue
        best = min(cells, key=lambda r: float(r['test_nll']))
        pattern = os.path.join(glob.escape(root), 'task=density_arch=%s_samples=%s_estimator=%s_*' % (
            glob.escape(best['arch']), m, est))
        def done(job):  # trained to the end and scored: its last.ckpt is the model the table's figure is of
            p = os.path.join(job, 'result.properties')
            return os.path.isfile(os.path.join(job, 'last.ckpt')) and os.path.isfile(p) and 'status=done\n' in open(p).read()
        found = [j for j in glob.glob(pattern) if done(j)]
        print('%s\t%s' % (column, found[0] if len(found) == 1 else '?' + best['arch']))
PY
  if [ "$job" = "-" ]; then echo "$column: not every cell done yet (with the paper's centring)"; continue; fi
  if [ "${job:0:1}" = "?" ]; then echo "$column: best cell ${job:1}, but no single checkpoint of it in $root"; continue; fi
  if [ -s "$job/eval-k5000.txt" ]; then echo "$column: $(grep 'test NLL' "$job/eval-k5000.txt") (scored before)"; continue; fi
  echo "$column: scoring $(basename "$job") at k = 5000 ..."
  java -jar "$jar" eval "$job/last.ckpt" -k 5000 --threads "$threads" --force 2>/dev/null \
    | sed -n '/ test images, k = /,$p' | grep -v '^eval ' > "$job/eval-k5000.txt.tmp"
  grep -q 'test NLL (k=5000)' "$job/eval-k5000.txt.tmp" || { echo "error: no NLL in $job/eval-k5000.txt.tmp" >&2; exit 1; }
  mv "$job/eval-k5000.txt.tmp" "$job/eval-k5000.txt"
  echo "$column: $(grep 'test NLL' "$job/eval-k5000.txt")"
done
