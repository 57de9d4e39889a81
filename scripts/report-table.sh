#!/bin/bash
# The replication report's four rows (README: "The replication report's table, 15 epochs"):
# 15 epochs each, --val-limit 200, then eval -k 1000 --limit 1000 on the test set.
# Usage: scripts/report-table.sh [jar]   (default: target/concrete-explorer.jar); about 4 minutes per row on one core.
set -u
J="java -jar ${1:-target/concrete-explorer.jar}"
row() {
    name=$1; shift
    $J train --epochs 15 --val-limit 200 --quiet --out runs/report/$name "$@" > runs/report/$name.train.log 2>&1 &&
    $J eval runs/report/$name/last.ckpt -k 1000 --limit 1000 > runs/report/$name.eval.log 2>&1
    grep -E "NLL|active" runs/report/$name.eval.log | sed "s/^/$name: /"
}
mkdir -p runs/report
row binary-200
row binary-100-gauss-100 --units 100 --gaussian 100
row 4ary-200 --latent categorical -K 4 --units 200
row 4ary-100-gauss-100 --latent categorical -K 4 --units 100 --gaussian 100
