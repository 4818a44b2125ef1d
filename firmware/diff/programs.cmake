# The programs of the differential test suite (same ELF on QEMU virt and on pimsoc, UART output
# and exit code must be equal; see docs/testing-differential.md). Read by
# firmware/diff/CMakeLists.txt, which builds bin/diff_<name>.elf, and by tests/diff/CMakeLists.txt,
# which adds one ctest test diff_<name> per entry of PIMSOC_DIFF_PROGRAMS.

# (a) ISA self-tests from firmware/isa, rebuilt under the diff_ prefix. Left out: isa_zicsr (test 2
# checks misa = 0x40001105; QEMU always reports the U bit) and the plain isa_traps (QEMU 7.2 writes
# ebreak mtval = 0): isa_traps runs as isa_traps_compat, built with ISA_QEMU_COMPAT.
set(PIMSOC_DIFF_ISA_PROGRAMS isa_rv32i isa_rv32m isa_rv32a isa_rv32c isa_zifencei isa_misaligned)

# (c) hand-written C programs: firmware/diff/c/<name>.c
set(PIMSOC_DIFF_C_PROGRAMS
  c_printf c_qsort c_string c_int64 c_setjmp c_traps c_softfloat c_bignum)

# (b) generated programs: tests/diff/gen_program.py --seed N, N = 1..PIMSOC_DIFF_GEN_COUNT,
# named gen_NNN (seed zero-padded to 3 digits).
set(PIMSOC_DIFF_GEN_COUNT 48)

set(PIMSOC_DIFF_GEN_PROGRAMS "")
foreach(seed RANGE 1 ${PIMSOC_DIFF_GEN_COUNT})
  if(seed LESS 10)
    set(_pimsoc_pad "00")
  elseif(seed LESS 100)
    set(_pimsoc_pad "0")
  else()
    set(_pimsoc_pad "")
  endif()
  list(APPEND PIMSOC_DIFF_GEN_PROGRAMS gen_${_pimsoc_pad}${seed})
endforeach()

set(PIMSOC_DIFF_PROGRAMS
  ${PIMSOC_DIFF_ISA_PROGRAMS} isa_traps_compat ${PIMSOC_DIFF_C_PROGRAMS} ${PIMSOC_DIFF_GEN_PROGRAMS})
