# pimsoc_firmware_app(<name> SOURCES <files...> [DEFINITIONS <defs...>] [LIBRARIES <libs...>])
# Builds bin/<name>.elf linked with the pimsoc runtime (crt0, trap vector, HAL, picolibc stdio on
# the UART) and the linker script boot/pimsoc.ld; writes bin/<name>.map and bin/<name>.dis.
function(pimsoc_firmware_app name)
  cmake_parse_arguments(APP "" "" "SOURCES;DEFINITIONS;LIBRARIES" ${ARGN})
  if(NOT APP_SOURCES)
    message(FATAL_ERROR "pimsoc_firmware_app(${name}): SOURCES is empty")
  endif()
  add_executable(${name} ${APP_SOURCES})
  set_target_properties(${name} PROPERTIES
    SUFFIX ".elf"
    LINK_DEPENDS "${PIMSOC_LINKER_SCRIPT}")
  target_compile_definitions(${name} PRIVATE ${APP_DEFINITIONS})
  target_link_libraries(${name} PRIVATE pimsoc_rt ${APP_LIBRARIES})
  target_link_options(${name} PRIVATE "-Wl,-Map=${CMAKE_RUNTIME_OUTPUT_DIRECTORY}/${name}.map")
  if(CMAKE_OBJDUMP)
    add_custom_command(TARGET ${name} POST_BUILD
      COMMAND ${CMAKE_COMMAND} -DOBJDUMP=${CMAKE_OBJDUMP} -DIN=$<TARGET_FILE:${name}>
              -DOUT=${CMAKE_RUNTIME_OUTPUT_DIRECTORY}/${name}.dis
              -P ${PIMSOC_FIRMWARE_CMAKE_DIR}/disassemble.cmake
      VERBATIM)
  endif()
endfunction()
set(PIMSOC_FIRMWARE_CMAKE_DIR ${CMAKE_CURRENT_LIST_DIR})
