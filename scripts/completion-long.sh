#!/bin/bash
# The paper's structured prediction at m = 1 (README: "The paper's second task: structured output prediction"):
# the linear 392V-240H-240H-392V completion model, 800 epochs with the learning rate falling from 1e-3 to 1e-4, then
# the test NLL of every bottom half given its top half with k = 1000. Checkpoints every epoch: after an interruption,
#   java -jar target/concrete-explorer.jar train --resume runs/completion-long/linear-m1/last.ckpt
set -eu
J="java -jar ${1:-target/concrete-explorer.jar}"
mkdir -p runs/completion-long
$J train --task completion --arch 392V-240H-240H-392V -m 1 --epochs 800 --lr 1e-3 --lr-final 1e-4 \
    --val-limit 500 --val-samples 100 --out runs/completion-long/linear-m1 > runs/completion-long/linear-m1.log 2>&1
$J eval runs/completion-long/linear-m1/last.ckpt -k 1000 > runs/completion-long/linear-m1.eval1000.log 2>&1
