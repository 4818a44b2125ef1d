#!/usr/bin/env bash
# power_sweep.sh [IMAGES] [SEED] [BOUND_MS]: failure rate x checkpoint granularity x engine
# (docs/power.md "Failure rate x granularity"), not a ctest (5 to 20 minutes on 2 cores, shared).
# cnn_fmnist --images IMAGES --checkpoint G on each engine through power failures at times drawn
# from a seeded exponential (python's random.Random(SEED), mean MTBF, each after the previous
# failure's 1 ms off) from 65 ms on (after the accelerators' first weight write: the RTM's ends at
# about 36 ms, the MRAM's at 60 ms; docs/power.md "Limits"), given to the VP as power.mode=times, each run bounded at BOUND_MS simulated (default
# 3000). The MRAM runs all have mram.nv_partial_state=true (what --checkpoint accumulator needs), so
# granularity is the only difference between them. Every run is compared with the same
# --checkpoint G run without failures: completion time, energy (the ledger's total), the power
# section's checkpoint and lost energy, failures, the MRAM's steps and RESUMEs, and whether it
# printed exactly what the failure-free run prints.
# Writes docs/results/power_sweep/power_sweep.csv and power_sweep.png (power_sweep_plot.py).
# Run from the repository root after a build: nice -n 5 tests/bench/power_sweep.sh 20 1 3000
set -u
images=${1:-20} seed=${2:-1} bound_ms=${3:-3000}
root=$(cd "$(dirname "$0")/../.." && pwd)
pimsoc=$root/build/bin/pimsoc elf=$root/build/firmware/bin/cnn_fmnist.elf blob=$root/build/data/fmnist_t10k.bin
out=$root/docs/results/power_sweep
mkdir -p "$out"
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT
times_for() { # MTBF_MS -> comma-separated failure times up to the bound
  python3 -c "import random
r=random.Random($seed); t=65.0; out=[]
while t < $bound_ms:
    t+=r.expovariate(1.0/$1); out.append('%.6fms'%t); t+=1.0
print(','.join(out))"
}
stats() { # STATS.json -> elapsed_ns total_pj failures checkpoint_pj lost_pj mram_steps mram_resumes
  python3 -c "import json,sys
s=json.load(open(sys.argv[1])); run=s['run']; p=s.get('power',{})
ev={e['name']:e['count'] for c in run['components'] if c['name']=='mram' for e in c['events']}
print(run['elapsed_ns'], run['total']['total_energy_pj'], p.get('failures',0), p.get('checkpoint_energy_pj',0),
      p.get('lost_energy_pj',0), ev.get('step',0), ev.get('nv_restore',0))" "$1"
}
csv=$out/power_sweep.csv
echo "engine,granularity,mtbf_ms,images,finished,same_output,failures,time_ms,failure_free_time_ms,time_ratio,energy_uj,failure_free_energy_uj,energy_overhead_pct,checkpoint_energy_uj,lost_energy_uj,mram_steps,failure_free_mram_steps,mram_resumes" >"$csv"
for row in "cpu none image layer tile" "rtm none image layer" "mram none image layer accumulator"; do
  set -- $row; engine=$1; shift
  extra=(); [ "$engine" = mram ] && extra=(--set mram.nv_partial_state=true)
  for gran in "$@"; do
    app=(--images "$images" --engine "$engine" --print logits --checkpoint "$gran")
    "$pimsoc" run "$elf" --image "$blob@0x60000000" --quiet "${extra[@]}" --stats "$dir/ref.json" \
      -- "${app[@]}" >"$dir/ref" || { echo "FAIL: $engine $gran without failures"; exit 1; }
    read -r ref_ns ref_pj _ _ _ ref_steps _ < <(stats "$dir/ref.json")
    for mtbf in 1 3 10 30 100; do
      "$pimsoc" run "$elf" --image "$blob@0x60000000" --quiet "${extra[@]}" --set power.mode=times \
        --set power.times="$(times_for "$mtbf")" --max-time "${bound_ms}ms" --stats "$dir/s.json" \
        -- "${app[@]}" >"$dir/out" 2>/dev/null
      rc=$?
      finished=0; [ "$rc" -eq 0 ] && finished=1
      same=0; cmp -s "$dir/ref" "$dir/out" && same=1
      read -r ns pj failures ckpt_pj lost_pj steps resumes < <(stats "$dir/s.json")
      python3 -c "import sys
(e,g,m,i,f,same,n,ns,rns,pj,rpj,ck,lost,st,rst,res)=sys.argv[1:]
ns,rns,pj,rpj,ck,lost=map(float,(ns,rns,pj,rpj,ck,lost))
print(','.join([e,g,m,i,f,same,n,'%.3f'%(ns/1e6),'%.3f'%(rns/1e6),'%.3f'%(ns/rns) if f=='1' else '',
  '%.3f'%(pj/1e6),'%.3f'%(rpj/1e6),'%.1f'%(100*(pj/rpj-1)) if f=='1' else '','%.3f'%(ck/1e6),'%.3f'%(lost/1e6),st,rst,res]))" \
        "$engine" "$gran" "$mtbf" "$images" "$finished" "$same" "$failures" "$ns" "$ref_ns" "$pj" "$ref_pj" \
        "$ckpt_pj" "$lost_pj" "$steps" "$ref_steps" "$resumes" | tee -a "$csv"
      if [ "$finished" = 1 ] && [ "$same" = 0 ]; then echo "FAIL: $engine $gran mtbf $mtbf: output differs"; fi
    done
  done
done
/usr/bin/python3 "$root/tests/bench/power_sweep_plot.py" "$csv" "$out/power_sweep.png"
