# The firmware is a separate CMake project built with the RV32 cross toolchain. Its ELFs land in
# ${CMAKE_BINARY_DIR}/firmware/bin, where the integration tests and the README commands find them.
include(ExternalProject)
find_program(PIMSOC_RISCV_GCC riscv64-unknown-elf-gcc)
set(PIMSOC_FIRMWARE_BIN ${CMAKE_BINARY_DIR}/firmware/bin)
if(PIMSOC_FIRMWARE AND PIMSOC_RISCV_GCC)
  ExternalProject_Add(firmware
    SOURCE_DIR ${CMAKE_SOURCE_DIR}/firmware
    BINARY_DIR ${CMAKE_BINARY_DIR}/firmware
    CMAKE_ARGS
      -DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/firmware/cmake/riscv32-toolchain.cmake
      -DCMAKE_BUILD_TYPE=Release
      -DPIMSOC_SOURCE_DIR=${CMAKE_SOURCE_DIR}
    BUILD_ALWAYS ON
    INSTALL_COMMAND ""
    USES_TERMINAL_BUILD ON)
  set(PIMSOC_HAVE_FIRMWARE ON)
elseif(PIMSOC_FIRMWARE)
  message(WARNING "riscv64-unknown-elf-gcc not found: the firmware is not built and its integration tests fail. Run ./setup.sh")
  set(PIMSOC_HAVE_FIRMWARE OFF)
else()
  set(PIMSOC_HAVE_FIRMWARE OFF)
endif()
