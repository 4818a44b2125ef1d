// The sample dump in the simulator's own style (tests/vcd/data/simulator.vcd has the same text),
// shared by the reader and compare tests.
#pragma once

namespace pimsoc::vcd::test {

inline const char* const simulator_vcd = R"($version pimsoc 0.1 $end
$timescale 1ps $end
$scope module soc $end
$scope module cpu $end
$var wire 32 ! pc $end
$var wire 1 " sleeping $end
$upscope $end
$scope module energy $end
$var real 64 # cpu_pj $end
$upscope $end
$upscope $end
$enddefinitions $end
#0
$dumpvars
b10000000000000000000000000000000 !
0"
r0 #
$end
#10000
b10000000000000000000000000000100 !
r12.5 #
#20000
1"
)";

}  // namespace pimsoc::vcd::test
