# pimsoc_cnn_host: the firmware's CNN inference library (firmware/cnn/*.c, the same sources as the
# RV32 pimsoc_cnn) built for the host as C11. The golden model and the unit tests (tests/cnn) link
# it; include it as "cnn/cnn.h". Its requantization arithmetic is ip/pim/pim_requant.h (as "pim/...",
# the path the firmware build has too).
file(GLOB pimsoc_cnn_host_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/firmware/cnn/*.c)
add_library(pimsoc_cnn_host STATIC ${pimsoc_cnn_host_sources})
set_target_properties(pimsoc_cnn_host PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
target_include_directories(pimsoc_cnn_host PUBLIC ${PROJECT_SOURCE_DIR}/firmware ${PROJECT_SOURCE_DIR}/ip)
target_compile_options(pimsoc_cnn_host PRIVATE -Wall -Wextra -Wpedantic)
