#!/usr/bin/python3
"""Sensitivity of the RTM engine's energy per inference, relative to the CPU engine's, to each
estimated parameter of the circuit energy model (not part of the pass/fail suite).

    tests/bench/rtm_sensitivity.py [BUILD_DIR] [--images N] [--model NAME]

Runs cnn_fmnist on the first N test images (default 100) once on the CPU engine and once on the RTM
engine (DMA mover) per parameter value: every estimated parameter of docs/models/rtm.md ("Energy
models") at its low and high value with the others at their defaults, then all at the RTM's
favourable end and all at its unfavourable end, a few combinations, the legacy preset, the
sqrt-scaled array periphery (periphery_model=sqrt) and the input buffer off. The
idle SOT-MRAM is left out of every run (soc.mram.enabled=false) so that its estimated periphery leakage does not dilute
the comparison. Prints a Markdown table: parameter, value, the RTM's energy per inference (the
ledger's region 1), of it the RTM component, and the ratio RTM engine / CPU engine.
"""
import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_engines import run  # noqa: E402  (one way to run the VP and read its stats)

# (key, low, default, high, why): low = favourable to the RTM. docs/models/rtm.md gives the sources.
PARAMETERS = [
    ("shift_pj_per_track_domain", 0.3 / 95, 19.5 / 32 / 95, 2 * 19.5 / 32 / 95,
     "SPIMulator 0.3 pJ per nanowire shift / RTSim 19.5 pJ per 32-track DBC / twice RTSim"),
    ("cell_sense_pj_per_bit", 0.1, 0.5, 2.5,
     "PCSA + MTJ read / SPIMulator transverse read / RTSim read per bit incl. array periphery"),
    ("cell_write_pj_per_bit", 0.1, 1.0, 109 / 32,
     "SPIMulator write / estimate / RTSim write per bit incl. array periphery"),
    # The per-bank array access estimate's node figures (CACTI 32 nm tech_params, docs/models/rtm.md).
    ("vdd_v", 0.6, 0.9, 1.0, "CACTI 32 nm LOP / HP / LSTP supply"),
    ("wire_ff_per_um", 0.13, 0.26, 0.52, "half / CACTI 32 nm local wire / twice"),
    ("gate_ff_per_um", 0.287, 0.574, 1.148, "half / CACTI 32 nm HP C_g_ideal + C_fringe / twice"),
    ("sense_amp_fj", 1.08, 2.16, 4.32, "half / CACTI 32 nm sense_dy_power / twice"),
    ("bitline_swing_v", 0.05, 0.08, 0.2, "estimate / CACTI VBITSENSEMIN / an MTJ read voltage"),
    ("accumulator", "fused", "bound", "int32",
     "partial products into the accumulator / the layer's bound / 32 bits"),
    ("adder_mode", "word_parallel", "bit_serial", None,
     "a port per bit slice (no traversal shifts) / one slice per step"),
]


# Design choices together (the cells' organisation, not device estimates), then with the device
# estimates that move the result most at their favourable end.
COMBINATIONS = [
    ("word_parallel + fused", [("adder_mode", "word_parallel"), ("accumulator", "fused")]),
    ("word_parallel + fused, cell_write 0.1", [("adder_mode", "word_parallel"), ("accumulator", "fused"),
                                                ("cell_write_pj_per_bit", 0.1)]),
    ("bit_serial + fused, cell_write 0.1, cell_sense 0.1", [("accumulator", "fused"), ("cell_write_pj_per_bit", 0.1),
                                                            ("cell_sense_pj_per_bit", 0.1)]),
]


def fmt(value):
    return ("%.4g" % value) if isinstance(value, float) else str(value)


def rtm_settings(pairs):
    out = []
    for key, value in pairs:
        out += ["--set", "rtm.%s=%s" % (key, repr(value) if isinstance(value, float) else value)]
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("build", nargs="?", default="build")
    parser.add_argument("--images", type=int, default=100)
    parser.add_argument("--model", default="w8a8")
    args = parser.parse_args()
    common = ["--model", args.model]
    no_mram = ["--set", "soc.mram.enabled=false"]

    def engine(label, vp_args, scratch):
        return run(args.build, args.images, label, common + ["--engine", "rtm", "--mover", "dma"], scratch,
                   vp_args=no_mram + vp_args)

    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        cpu = run(args.build, args.images, "cpu", common + ["--engine", "cpu"], scratch, vp_args=no_mram)
        cases = [("(all defaults)", "", [])]
        for key, low, default, high, _ in PARAMETERS:
            for value in (low, high):
                if value is not None:
                    cases.append((key, fmt(value), [(key, value)]))
        cases.append(("all favourable", "every low value", [(k, lo) for k, lo, _, _, _ in PARAMETERS]))
        cases.append(("all unfavourable", "every high value",
                      [(k, hi) for k, _, _, hi, _ in PARAMETERS if hi is not None]))
        cases += [(name, "", pairs) for name, pairs in COMBINATIONS]
        cases.append(("cost_model", "legacy", [("cost_model", "legacy")]))
        # The first circuit model's array periphery: the SoC SRAM's figure scaled with sqrt(capacity).
        cases.append(("periphery_model", "sqrt", [("periphery_model", "sqrt")]))
        # An architecture feature off for comparison: the fc inputs re-read from the array per output.
        cases.append(("input_buffer_bytes", "0 (no input buffer)", [("input_buffer_bytes", 0)]))
        for name, value, pairs in cases:
            r = engine(name + " " + value, rtm_settings(pairs), scratch)
            rows.append((name, value, r))

    print("CPU engine: %.2f uJ per inference (%s, %d images, idle MRAM left out)\n"
          % (cpu["energy_uj"], args.model, args.images))
    print("| parameter | value | RTM engine energy per inference (uJ) | of it the RTM (uJ) | RTM / CPU |")
    print("|---|---|---|---|---|")
    for name, value, r in rows:
        print("| %s | %s | %.2f | %.2f | %.2f |" % (name, value, r["energy_uj"], r["by_component_uj"].get("rtm", 0),
                                                 r["energy_uj"] / cpu["energy_uj"]))
    default = rows[0][2]
    macs = default["macs"]
    print("\nDefaults, the RTM's dynamic energy per MAC by ledger event (%d MACs per inference):\n" % macs)
    print("| event | pJ per MAC |")
    print("|---|---|")
    for name, pj in default["rtm_event_pj"].items():
        if pj > 0:
            print("| %s | %.2f |" % (name, pj / macs))
    print("| total | %.2f |" % (sum(default["rtm_event_pj"].values()) / macs))
    print("\nParameters (low / default / high):")
    for key, low, default, high, why in PARAMETERS:
        print("- %s: %s / %s / %s (%s)" % (key, fmt(low), fmt(default), fmt(high) if high is not None else "-", why))


if __name__ == "__main__":
    main()
