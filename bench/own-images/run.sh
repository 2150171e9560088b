#!/usr/bin/env bash
# Own images: the shipped model against the pipeline's recipes trained on part of a real dataset, from scratch and started
# from the shipped model, each scored on people or writers that training never saw (one-shot N-way with its 95 % interval,
# and for signatures the skilled forgeries: ROC AUC and equal error rate). Needs ../shared/datasets (never copied into the
# repository); CPU hours are not needed, about an hour on two cores. Usage: bench/own-images/run.sh [output folder]
set -euo pipefail
cd "$(dirname "$0")/../.."
datasets=${DATASETS:-../shared/datasets}
out=${1:-runs/own-images}
mkdir -p "$out"

dotnet build src/Siamese.Trainer -c Release -v q -nologo
trainer=(dotnet artifacts/bin/Siamese.Trainer/release/Siamese.Trainer.dll)
shipped=artifacts/bin/Siamese.Trainer/release/DefaultModel

# People and writers apart: the first classes are the upload, the rest are only ever scored.
python3 bench/own-images/split.py "$datasets/yalefaces/yalefaces.zip" --train 7 --out "$out/faces"
python3 bench/own-images/split.py "$datasets/svc2004-open/svc2004-writers-01-20.zip" --train 10 --out "$out/signatures"

best() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['checkpoint'])" "$1/best.json"; }

for case in faces:photos:8 signatures:signatures:10; do
  IFS=: read -r name recipe ways <<< "$case"
  for start in Served Scratch; do
    run="$out/$name-$start"
    rm -rf "$run"
    "${trainer[@]}" train --data "$out/$name/train.zip" --recipe "$recipe" --start "$start" --out "$run" \
      --progress-interval-seconds 60
  done
  for checkpoint in "$shipped" "$out/$name-Scratch/$(best "$out/$name-Scratch")" "$out/$name-Served/$(best "$out/$name-Served")"; do
    echo "== $name: $checkpoint"
    "${trainer[@]}" evaluate --checkpoint "$checkpoint" --data "$out/$name/heldout.zip" --ways "$ways" --trials 400
  done
done
