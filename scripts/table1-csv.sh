#!/bin/bash
# Table 1 as a small CSV from a finished sweep (issue 31): one row per cell that trained, with the columns
#   task, arch, m, estimator, protocol, centring, seed, status, epochs, k, images, test_nll, paper
# read from the results root's results.csv (the sweep writes it when every job has ended); jobs train refused
# (invalid) are left out, failed or stopped ones kept with their status and no NLL. Needs python3 (its csv module).
# Usage: scripts/table1-csv.sh <results-root> [budget]   writes sweeps/table1-<budget>.csv (budget: the jobs' epochs)
set -eu
root=${1:?usage: scripts/table1-csv.sh <results-root> [budget]}
[ -f "$root/results.csv" ] || { echo "error: $root/results.csv not found: is $root a finished sweep's results root?" >&2; exit 1; }
python3 - "$root/results.csv" "${2:-}" <<'PY'
import csv, os, sys
src, budget = sys.argv[1], sys.argv[2]
with open(src, newline='', encoding='utf-8') as f:
    rows = list(csv.DictReader(f))
def opt(r, *keys, default=''):
    for k in keys:
        if r.get(k):
            return r[k]
    return default
out = []
for r in rows:
    if r['status'] == 'invalid':
        continue
    out.append({'task': opt(r, 'task', default='density'),
                'arch': opt(r, 'arch', default='200H~784V'),
                'm': opt(r, 'samples', 'm', default='1'),
                'estimator': opt(r, 'estimator', default='concrete'),
                'protocol': opt(r, 'protocol', default='project'),
                'centring': 'yes' if 'EMA-centred' in r.get('model', '') else 'no',  # the trained model's own name
                'seed': r['seed'], 'status': r['status'], 'epochs': r['epochs'], 'k': r['k'], 'images': r['images'],
                'test_nll': r['test_nll'], 'paper': r['paper_nll']})
if not out:
    sys.exit('error: %s holds no job that trained' % src)
if not budget:
    budgets = sorted({o['epochs'] for o in out if o['status'] == 'done'})
    if len(budgets) != 1:
        sys.exit('error: the done jobs trained %s epochs; give the budget as the second argument' % (budgets or 'no'))
    budget = budgets[0]
dest = os.path.join('sweeps', 'table1-%s.csv' % budget)
with open(dest + '.tmp', 'w', newline='', encoding='utf-8') as f:
    w = csv.DictWriter(f, fieldnames=list(out[0].keys()), lineterminator='\n')
    w.writeheader()
    w.writerows(out)
os.replace(dest + '.tmp', dest)
print('%s: %d cells (%d done)' % (dest, len(out), sum(o['status'] == 'done' for o in out)))
PY
