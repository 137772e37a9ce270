#!/usr/bin/env bash
# bench/sandbox.sh HWSUBMIT EMULATOR OUT: the cost of --sandbox, the same scripts with and
# without it.
#   workflow: bench/sandbox_workflow.lua, one whole submission through workflow.submit (zip,
#             product, submission, upload, commit, wait, download) plus the Lua work around it,
#             against one emulator that both variants share, so neither pays for starting it;
#             its pipeline takes 50 ms a step (as in bench/run's submissions part), so the
#             service's share of the time is there, if far smaller than at the real service
#   cpu:      pure Lua work, where the sandbox's instruction hook costs most
# target: under 5% slower (ratio <= 1.05) for the workflow.
set -euo pipefail
hw=$1
emulator=$2
out=$3
cd "$(dirname "$0")/.."

coproc EMULATOR { "$emulator" --port 0 --ready-json --exit-on-stdin-eof --step-delay 50ms 2>"$out/sandbox-emulator.log"; }
read -r ready <&"${EMULATOR[0]}" || { echo "bench/sandbox.sh: the emulator did not start: $(cat "$out/sandbox-emulator.log")" >&2; exit 1; }
# The emulator stops when its standard input closes, however this script ends.
trap 'exec {EMULATOR[1]}>&-; wait' EXIT
eval "$(python3 -c '
import json, shlex, sys
r = json.loads(sys.argv[1])
for name, key in (("HDC_BASE_URL", "baseURL"), ("HDC_AUTHORITY_HOST", "authority"), ("HDC_TENANT_ID", "tenantId"),
                  ("HDC_CLIENT_ID", "clientId"), ("HDC_CLIENT_SECRET", "clientSecret")):
    print(f"export {name}={shlex.quote(str(r[key]))}")
' "$ready")"

package=examples/contoso-widget
downloads="$out/sandbox-downloads"
rm -rf "$downloads" && mkdir -p "$downloads"
hyperfine -N --warmup 2 --runs 15 --style basic --export-json "$out/sandbox_workflow.json" \
  "$hw --quiet bench/sandbox_workflow.lua $package $downloads" \
  "$hw --quiet --sandbox --allow-read $package --allow-write $downloads --allow-submit bench/sandbox_workflow.lua $package $downloads"
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
