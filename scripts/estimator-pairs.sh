#!/bin/bash
# The paper's Table 1 comparison at 200H~784V binary (README: "Concrete against NVIL and VIMCO"):
# Concrete vs NVIL at m = 1 and Concrete vs VIMCO at m = 5, each pair with the same budget of steps,
# then the test NLL with k = 1000 on all 10,000 test images.
# Usage: scripts/estimator-pairs.sh [jar] [epochs-m1] [epochs-m5]
set -u
J="java -jar ${1:-target/concrete-explorer.jar}"
E1=${2:-100}
E5=${3:-40}
mkdir -p runs/estimators
pair() {
    name=$1; epochs=$2; shift 2
    /usr/bin/time -f "%e s wall" $J train --epochs $epochs --lr 1e-3 --val-limit 500 --val-samples 50 --quiet \
        --out runs/estimators/$name "$@" > runs/estimators/$name.train.log 2>&1
    $J eval runs/estimators/$name/last.ckpt -k 1000 > runs/estimators/$name.eval.log 2>&1
    grep -E "NLL|wall" runs/estimators/$name.train.log runs/estimators/$name.eval.log | tail -n 3
}
pair concrete-m1 $E1
pair nvil-m1 $E1 --estimator nvil
pair concrete-m5 $E5 -m 5
pair vimco-m5 $E5 -m 5 --estimator vimco
