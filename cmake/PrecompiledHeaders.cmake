# Precompiled third-party headers (docs/testing-build-time.md). Parsing <systemc>/<tlm>,
# spdlog and GoogleTest again in every translation unit is most of a from-scratch build's compile
# time, so they are compiled once per configuration into a precompiled header (GCC .gch) that every
# C++ target of the project reuses (REUSE_FROM, so one .gch per kind, not one per target).
#
# pimsoc_precompile_headers(), called once at the end of the top-level CMakeLists.txt, looks at
# every target the sub-CMakeLists defined and gives it the kind of header it can use, decided by
# what it links (directly or through the PUBLIC/INTERFACE dependencies of what it links):
#   spdlog::spdlog + SystemC  -> pimsoc_pch_systemc        (<systemc>, <tlm>, sockets, spdlog, std)
#   GTest                     -> pimsoc_pch_gtest          (gtest, gmock, std)
#   both                      -> pimsoc_pch_gtest_systemc
#   neither (pure C++)        -> pimsoc_pch_std            (the standard headers the models use)
# A .gch is only valid with the compile definitions it was built with, which come from the same
# imported targets (spdlog's FMT_SHARED..., GTest's GTEST_HAS_PTHREAD), so each kind is built by a
# carrier target that links exactly those. Targets with C sources and sources with their own compile
# options (ip/cpu's rv_core_exec.cpp) keep compiling without one. Nothing needs adding in a
# sub-CMakeLists: a new target gets its header here.
#
# -DPIMSOC_PCH=OFF turns it off. Its default is OFF when the compiler launcher is ccache: ccache
# caches no compilation that uses a precompiled header (without sloppiness settings), and a cache
# hit beats a precompiled header by far on a rebuild.
if(CMAKE_CXX_COMPILER_LAUNCHER MATCHES "ccache")
  set(_pimsoc_pch_default OFF)
else()
  set(_pimsoc_pch_default ON)
endif()
option(PIMSOC_PCH "Precompile the SystemC/TLM, spdlog and GoogleTest headers" ${_pimsoc_pch_default})

set(_pimsoc_pch_std <algorithm> <array> <cmath> <cstdint> <cstring> <functional> <map> <memory>
                    <optional> <sstream> <stdexcept> <string> <utility> <vector>)
set(_pimsoc_pch_systemc <systemc> <tlm> <tlm_utils/simple_initiator_socket.h>
                        <tlm_utils/simple_target_socket.h> <spdlog/spdlog.h>)
set(_pimsoc_pch_gtest <gtest/gtest.h> <gmock/gmock.h>)

# A carrier builds one kind of .gch from an empty translation unit, with the flags of `libs`.
function(_pimsoc_pch_carrier name libs headers)
  set(source ${CMAKE_BINARY_DIR}/pch/${name}.cpp)
  if(NOT EXISTS ${source})
    file(WRITE ${source} "// The carrier of a precompiled header (cmake/PrecompiledHeaders.cmake).\n")
  endif()
  add_library(${name} OBJECT ${source})
  target_link_libraries(${name} PRIVATE ${libs} pimsoc_warnings)
  target_precompile_headers(${name} PRIVATE ${headers})
endfunction()

# `out`: TRUE when `target` reaches `wanted` through its link libraries.
function(_pimsoc_links target wanted out)
  set(seen "")
  get_target_property(queue ${target} LINK_LIBRARIES)
  if(NOT queue)
    set(queue "")
  endif()
  while(queue)
    list(POP_FRONT queue lib)
    if(lib STREQUAL wanted)
      set(${out} TRUE PARENT_SCOPE)
      return()
    endif()
    # $<LINK_ONLY:x> (a static library's PRIVATE dependency) carries no compile flags.
    if(lib IN_LIST seen OR lib MATCHES "^\\$<" OR NOT TARGET ${lib})
      continue()
    endif()
    list(APPEND seen ${lib})
    get_target_property(interface ${lib} INTERFACE_LINK_LIBRARIES)
    if(interface)
      list(APPEND queue ${interface})
    endif()
  endwhile()
  set(${out} FALSE PARENT_SCOPE)
endfunction()

function(_pimsoc_targets_in dir out)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub ${subdirs})
    _pimsoc_targets_in(${sub} sub_targets)
    list(APPEND targets ${sub_targets})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

# TRUE when `target` compiles C++ only (no C, no assembler) and has at least one C++ source.
function(_pimsoc_pure_cxx target out)
  get_target_property(sources ${target} SOURCES)
  set(cxx FALSE)
  foreach(source ${sources})
    if(source MATCHES "\\.(c|S|s)$")
      set(${out} FALSE PARENT_SCOPE)
      return()
    elseif(source MATCHES "\\.cpp$")
      set(cxx TRUE)
    endif()
  endforeach()
  set(${out} ${cxx} PARENT_SCOPE)
endfunction()

function(pimsoc_precompile_headers)
  if(NOT PIMSOC_PCH)
    return()
  endif()
  _pimsoc_targets_in(${PROJECT_SOURCE_DIR} targets)
  _pimsoc_pch_carrier(pimsoc_pch_std "" "${_pimsoc_pch_std}")
  _pimsoc_pch_carrier(pimsoc_pch_systemc "PkgConfig::SYSTEMC;spdlog::spdlog" "${_pimsoc_pch_std};${_pimsoc_pch_systemc}")
  _pimsoc_pch_carrier(pimsoc_pch_gtest "GTest::gmock" "${_pimsoc_pch_std};${_pimsoc_pch_gtest}")
  _pimsoc_pch_carrier(pimsoc_pch_gtest_systemc "PkgConfig::SYSTEMC;spdlog::spdlog;GTest::gmock"
                      "${_pimsoc_pch_std};${_pimsoc_pch_systemc};${_pimsoc_pch_gtest}")
  foreach(target ${targets})
    get_target_property(type ${target} TYPE)
    if(NOT type MATCHES "^(STATIC_LIBRARY|SHARED_LIBRARY|OBJECT_LIBRARY|EXECUTABLE)$")
      continue()
    endif()
    _pimsoc_pure_cxx(${target} pure_cxx)
    if(NOT pure_cxx)
      continue()
    endif()
    _pimsoc_links(${target} PkgConfig::SYSTEMC systemc)
    _pimsoc_links(${target} spdlog::spdlog spdlog)
    _pimsoc_links(${target} GTest::gtest gtest)
    set(carrier pimsoc_pch_std)
    if(systemc AND spdlog AND gtest)
      set(carrier pimsoc_pch_gtest_systemc)
    elseif(systemc AND spdlog)
      set(carrier pimsoc_pch_systemc)
    elseif(gtest)
      set(carrier pimsoc_pch_gtest)
    elseif(spdlog)
      continue()  # spdlog without SystemC: no carrier has those flags
    endif()
    target_precompile_headers(${target} REUSE_FROM ${carrier})
    list(APPEND users_${carrier} ${target})
    # A source with its own compile options would not match the .gch (GCC refuses it, -Winvalid-pch).
    get_target_property(sources ${target} SOURCES)
    get_target_property(source_dir ${target} SOURCE_DIR)
    foreach(source ${sources})
      # Relative source paths are relative to the caller's directory here, not the target's.
      cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY ${source_dir})
      get_source_file_property(options ${source} DIRECTORY ${source_dir} COMPILE_OPTIONS)
      if(options)
        set_source_files_properties(${source} DIRECTORY ${source_dir} PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
      endif()
    endforeach()
  endforeach()
  foreach(carrier pimsoc_pch_std pimsoc_pch_systemc pimsoc_pch_gtest pimsoc_pch_gtest_systemc)
    list(LENGTH users_${carrier} count)
    message(STATUS "Precompiled header ${carrier}: ${count} targets")
  endforeach()
endfunction()
