# The programs of the differential test suite (same ELF on QEMU virt and on pimsoc, UART output
# and exit code must be equal; see docs/testing-differential.md). Read by
# firmware/diff/CMakeLists.txt, which builds bin/diff_<name>.elf, and by tests/diff/CMakeLists.txt,
# which adds one ctest test diff_<name> per entry of PIMSOC_DIFF_PROGRAMS.

# (a) ISA self-tests from firmware/isa, rebuilt under the diff_ prefix. Left out: isa_zicsr (test 2
# checks misa = 0x40001105; QEMU always reports the U bit) and the plain isa_traps (QEMU 7.2 writes
# ebreak mtval = 0): isa_traps runs as isa_traps_compat, built with ISA_QEMU_COMPAT. Also left
# out: isa_counters (QEMU 7.2 carries a csrw minstreth's own increment into the high half, the
# behaviour pimsoc fixed) and isa_triggers (QEMU 7.2 has no tcontrol).
set(PIMSOC_DIFF_ISA_PROGRAMS isa_rv32i isa_rv32m isa_rv32a isa_rv32c isa_zifencei isa_misaligned isa_pmp)

# (c) hand-written C programs: firmware/diff/c/<name>.c
set(PIMSOC_DIFF_C_PROGRAMS
  c_printf c_qsort c_string c_int64 c_setjmp c_traps c_softfloat c_bignum c_clint)

# (b) generated programs: tests/diff/gen_program.py --seed N, N = 1..PIMSOC_DIFF_GEN_COUNT,
# named gen_NNN (seed zero-padded to 3 digits).
set(PIMSOC_DIFF_GEN_COUNT 48)

# gen_NNN for seed N: zero-padded to 3 digits (gen_007, gen_048, gen_1234).
function(pimsoc_diff_gen_name seed out)
  set(name "00${seed}")
  string(LENGTH "${seed}" len)
  if(len LESS 3)
    math(EXPR start "${len} - 1")
    string(SUBSTRING "${name}" ${start} 3 name)
  else()
    set(name "${seed}")
  endif()
  set(${out} gen_${name} PARENT_SCOPE)
endfunction()

set(PIMSOC_DIFF_GEN_PROGRAMS "")
foreach(seed RANGE 1 ${PIMSOC_DIFF_GEN_COUNT})
  pimsoc_diff_gen_name(${seed} name)
  list(APPEND PIMSOC_DIFF_GEN_PROGRAMS ${name})
endforeach()

set(PIMSOC_DIFF_PROGRAMS
  ${PIMSOC_DIFF_ISA_PROGRAMS} isa_traps_compat ${PIMSOC_DIFF_C_PROGRAMS} ${PIMSOC_DIFF_GEN_PROGRAMS})
