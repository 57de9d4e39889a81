#!/bin/bash
# Table 1 as a small CSV (issue 31): one row per cell of the paper's table — the four density architectures and the
# structured-prediction model, m = 1, 5, 50, Concrete against the score-function estimator of the paper (NVIL at m = 1,
# VIMCO at m > 1) — read from the job folders of one or more sweep results roots (each job's result.properties: a
# sweep that is still running is read as far as it got). A later root's job replaces an earlier root's for the same
# cell unless it is behind it (done > unfinished > failed): sweeps/table1-50-retry.sweep reran the cell that diverged,
# table1-50c reruns cells with the paper's centring; the row says what it changed (the learning rate). Cells with no
# job yet are listed as "not run". One seed a cell (the sweep's). The centring column is what the job's model
# description says (as the Java code wrote it into result.properties or the epochs.csv header): inference (the paper's),
# every-reader (builds before 2026-12-07 12:50 UTC), no, or unknown (not described yet).
# Columns:
#   task, arch, m, estimator, epochs, k, test_nll, paper, test_nll_k5000, status, lr, centring, train_s, eval_s, root
# test_nll_k5000: the job's eval-k5000.txt, written by scripts/table1-k5000.sh for the best cell of each column.
# The CSV already there is the oldest source: a done or failed row whose job folder is gone (a root on another machine,
# or a machine wiped between sessions) stays as it was unless a root given here has a job for that cell that is not
# behind it; an unfinished one is left out (only its root can say how far it got).
# It prints how many cells are done and the jobs' summed training and scoring time. Needs python3.
# Usage: scripts/table1-csv.sh <budget> <results-root> [<results-root> ...]   writes sweeps/table1-<budget>.csv
set -eu
budget=${1:?usage: scripts/table1-csv.sh <budget> <results-root> [<results-root> ...]}
shift
[ $# -ge 1 ] || { echo "usage: scripts/table1-csv.sh <budget> <results-root> [<results-root> ...]" >&2; exit 2; }
python3 - "$budget" "$@" <<'PY'
import glob, os, sys
budget, roots = sys.argv[1], sys.argv[2:]

def centring(job, o, task, result):  # what the job's model says it centred (the sweep key says only on or off)
    # read from the model's description as Java wrote it (result.properties when scored, else the epochs.csv header
    # "# run: ..., model=..."), never from the checkpoint's own format: what its fields meant is Checkpoints' business
    if task != 'density':
        return 'no'
    model = result.get('model', '')
    log = os.path.join(job, 'epochs.csv')
    if not model and os.path.exists(log):
        with open(log, encoding='utf-8') as f:
            head = f.readline()
        if head.startswith('# run:') and 'model=' in head:
            model = head.split('model=', 1)[1].rsplit(', seed=', 1)[0]
    if 'EMA-centred (inference)' in model:
        return 'inference'
    if 'EMA-centred (every reader' in model:
        return 'every-reader'
    if 'EMA-centred' in model:  # builds before 2026-12-07 12:50 UTC wrote a bare "EMA-centred" for what they did
        return 'every-reader'
    if model:
        return 'no'
    return 'unknown' if o.get('ema-centring') == 'true' else 'no'  # no model described yet

def k5000(job):  # the NLL at k = 5000 of the job's eval-k5000.txt (scripts/table1-k5000.sh), else ''
    p = os.path.join(job, 'eval-k5000.txt')
    if os.path.exists(p):
        for line in open(p, encoding='utf-8'):
            if line.startswith('test NLL (k=5000):'):
                return '%.2f' % float(line.split(':')[1].split()[0])
    return ''

def props(path):
    out = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or '=' not in line:
                continue
            k, v = line.rstrip('\n').split('=', 1)
            out[k.replace('\\', '')] = v.replace('\\=', '=').replace('\\:', ':')
    return out

def options(job_id):  # task=density_arch=200H-784V_samples=1_... -> dict
    out = {}
    for part in job_id.split('_'):
        if '=' in part:
            k, v = part.split('=', 1)
            out[k] = v
    return out

density = ['200H-784V', '200H-200H-784V', '200H~784V', '200H~200H~784V']
cells = [(task, arch, m, est) for task, archs in (('density', density), ('completion', ['392V-240H-240H-392V']))
         for arch in archs for m in ('1', '5', '50') for est in ('concrete', 'nvil' if m == '1' else 'vimco')]
rank = {'done': 3, 'unfinished': 2, 'failed': 1}  # JobResult's statuses, and a folder without its result yet
found = {}
dest = os.path.join('sweeps', 'table1-%s.csv' % budget)
if os.path.exists(dest):  # the rows written before, kept where no root given now has a job for their cell
    import csv
    with open(dest, encoding='utf-8') as f:
        for r in csv.DictReader(f):
            key = (r['task'], r['arch'], r['m'], r['estimator'])
            if key in cells and r['status'] in ('done', 'failed'):  # unfinished: only a root given now can say
                found[key] = {'status': r['status'], 'nll': r['test_nll'], 'paper': r['paper'], 'epochs': r['epochs'],
                              'k': r['k'], 'lr': r['lr'], 'centring': r['centring'], 'train_s': r['train_s'],
                              'eval_s': r['eval_s'], 'root': r['root'], 'order': -1,
                              'k5000': r.get('test_nll_k5000', '')}
for order, root in enumerate(roots):
    if not os.path.isdir(root):
        sys.exit('error: %s is not a results root (no such folder)' % root)
    for job in sorted(glob.glob(os.path.join(root, 'task=*'))):
        o = options(os.path.basename(job))
        key = (o.get('task', 'density'), o.get('arch', ''), o.get('samples', '1'), o.get('estimator', 'concrete'))
        if key not in cells:
            continue
        p = os.path.join(job, 'result.properties')
        r = props(p) if os.path.exists(p) else {'status': 'unfinished'}  # running, or cut short: a sweep resumes it
        if r.get('status') == 'invalid':
            continue
        row = {'status': r.get('status', ''), 'nll': r.get('nll', ''), 'paper': r.get('paper_nll', ''),
               'epochs': r.get('epochs', budget), 'k': r.get('k', ''), 'lr': o.get('lr', 'protocol'),
               'centring': centring(job, o, key[0], r),
               'train_s': r.get('train_seconds', ''), 'eval_s': r.get('eval_seconds', ''), 'root': root,
               'order': order, 'k5000': k5000(job)}
        old = found.get(key)
        if old is None or (rank.get(row['status'], 0), row['order']) >= (rank.get(old['status'], 0), old['order']):
            found[key] = row
done = 0
seconds = 0.0
with open(dest + '.tmp', 'w', encoding='utf-8') as f:
    f.write('task,arch,m,estimator,epochs,k,test_nll,paper,test_nll_k5000,status,lr,centring,train_s,eval_s,root\n')
    for key in cells:
        r = found.get(key)
        if r is None:
            f.write('%s,%s,%s,%s,%s,,,,,not run,,,,,\n' % (key + (budget,)))
            continue
        nll = '%.2f' % float(r['nll']) if r['status'] == 'done' and r['nll'] not in ('', 'NaN') else ''
        done += r['status'] == 'done'
        for t in (r['train_s'], r['eval_s']):
            seconds += float(t) if t else 0
        f.write(','.join([key[0], key[1], key[2], key[3], r['epochs'], r['k'], nll, r['paper'], r['k5000'], r['status'], r['lr'],
                          r['centring'], '%.0f' % float(r['train_s']) if r['train_s'] else '',
                          '%.0f' % float(r['eval_s']) if r['eval_s'] else '',
                          os.path.basename(os.path.normpath(r['root']))]) + '\n')
os.replace(dest + '.tmp', dest)
print('%s: %d cells, %d done; jobs trained and scored for %.1f hours in all (2 at a time)' % (dest, len(cells), done,
      seconds / 3600))
PY
