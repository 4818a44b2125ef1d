# Cross toolchain for the pimsoc firmware: bare-metal RV32IMAC, ilp32, picolibc.
# Used as CMAKE_TOOLCHAIN_FILE by the top-level ExternalProject and for standalone builds.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)

set(PIMSOC_RISCV_PREFIX "riscv64-unknown-elf-" CACHE STRING "Prefix of the RISC-V cross tools")
find_program(CMAKE_C_COMPILER ${PIMSOC_RISCV_PREFIX}gcc REQUIRED)
set(CMAKE_ASM_COMPILER ${CMAKE_C_COMPILER})
find_program(CMAKE_OBJDUMP ${PIMSOC_RISCV_PREFIX}objdump)
find_program(CMAKE_OBJCOPY ${PIMSOC_RISCV_PREFIX}objcopy)
find_program(CMAKE_SIZE ${PIMSOC_RISCV_PREFIX}size)

# No host executables can be linked without our linker script: try-compile static libraries only.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Compile and link flags live in firmware/CMakeLists.txt (they differ: -march with
# _zicsr_zifencei to compile, plain rv32imac to link so gcc finds the multilib).
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
