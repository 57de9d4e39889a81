#!/bin/bash
# The README's Table 1 from sweeps/table1-<budget>.csv (scripts/table1-csv.sh writes it): one row per architecture, one
# column per m, each cell "Concrete / score-function (paper's Concrete / score-function)"; a cell not finished reads
# "unfinished" (running, or cut short) or "not run"; a cell whose learning rate departs from the protocol gets a *, one trained with the EMA centring
# of builds before 2026-12-07 12:50 UTC (every network reading a stochastic layer, not the paper's) a †; below the table,
# the best cells scored again at k = 5000 (the CSV's test_nll_k5000). Prints markdown to stdout.
# Usage: scripts/table1-markdown.sh [budget=50]
set -eu
csv="sweeps/table1-${1:-50}.csv"
[ -f "$csv" ] || { echo "error: $csv not found (scripts/table1-csv.sh writes it)" >&2; exit 1; }
python3 - "$csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
def value(r):
    if r is None:
        return 'not run'
    if r['status'] != 'done':
        return r['status'] + ('†' if r.get('centring') == 'every-reader' else '')
    return (r['test_nll'] + ('*' if r['lr'] not in ('protocol', '') else '')
            + ('†' if r.get('centring') == 'every-reader' else ''))
archs = []
for r in rows:
    if (r['task'], r['arch']) not in archs:
        archs.append((r['task'], r['arch']))
print('| model (paper in brackets) | m = 1: Concrete / NVIL | m = 5: Concrete / VIMCO | m = 50: Concrete / VIMCO |')
print('|---|---|---|---|')
for task, arch in archs:
    cells = []
    for m in ('1', '5', '50'):
        pair = [next((r for r in rows if (r['task'], r['arch'], r['m']) == (task, arch, m) and r['estimator'] == e), None)
                for e in ('concrete', 'nvil' if m == '1' else 'vimco')]
        papers = [p['paper'] for p in pair if p is not None and p['paper']]
        cells.append('%s / %s%s' % (value(pair[0]), value(pair[1]), ' (%s)' % ' / '.join(papers) if len(papers) == 2 else ''))
    name = arch.replace('-', '–') + (' (completion)' if task == 'completion' else '')
    print('| %s | %s |' % (name, ' | '.join(cells)))
best = ['%s, %s, %s: **%s** (k = 1000: %s)' % ('m = ' + r['m'], 'Concrete' if r['estimator'] == 'concrete'
        else r['estimator'].upper(), r['arch'].replace('-', '–'), r['test_nll_k5000'], r['test_nll'])
        for r in rows if r.get('test_nll_k5000')]
if best:
    print()
    print('The best cell of each finished column at k = 5000 (all 10,000 test digits, `scripts/table1-k5000.sh`): '
          + '; '.join(best) + '.')
PY
