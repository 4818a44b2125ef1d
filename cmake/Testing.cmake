# pimsoc_add_gtest(NAME SOURCES ... LIBS ... [NO_SYSTEMC])
# One executable per model or peripheral. Each test case runs in its own process
# (gtest_discover_tests), because SystemC can elaborate and start only once per process.
# SystemC tests get sc_main from pimsoc_test_main (libsystemc owns main()); pure C++ model
# tests (NO_SYSTEMC) use gtest_main.
enable_testing()
include(GoogleTest)

set(PIMSOC_TEST_ENV "SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1")

function(pimsoc_add_gtest name)
  cmake_parse_arguments(T "NO_SYSTEMC" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} pimsoc_warnings GTest::gmock)
  if(T_NO_SYSTEMC)
    target_link_libraries(${name} PRIVATE GTest::gtest_main)
  else()
    target_link_libraries(${name} PRIVATE pimsoc_test_main)
  endif()
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  gtest_discover_tests(${name}
    DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "${PIMSOC_TEST_ENV}" LABELS unit)
endfunction()
