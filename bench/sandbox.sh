#!/usr/bin/env bash
# bench/sandbox.sh HWSUBMIT OUT: the cost of --sandbox, the same scripts with and without it.
#   workflow: a submission end to end against the emulator, with the Lua work around it
#   cpu:      pure Lua work, where the sandbox's instruction hook costs most
# target: under 5% slower (ratio <= 1.05).
set -euo pipefail
hw=$1
out=$2
cd "$(dirname "$0")/.."
hyperfine -N --warmup 2 --runs 15 --style basic --export-json "$out/sandbox_workflow.json" \
  "$hw --quiet --emulator bench/sandbox_workflow.lua" \
  "$hw --quiet --emulator --sandbox --allow-submit bench/sandbox_workflow.lua"
hyperfine -N --warmup 3 --runs 20 --style basic --export-json "$out/sandbox_cpu.json" \
  "$hw bench/sandbox_cpu.lua" "$hw --sandbox bench/sandbox_cpu.lua"
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
for name in ("workflow", "cpu"):
    runs = json.load(open(f"{out}/sandbox_{name}.json"))["results"]
    ratio = runs[1]["mean"] / runs[0]["mean"]
    print(f"ratio sandbox/plain {name} {ratio:.3f}")
PY
