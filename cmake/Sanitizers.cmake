# -DPIMSOC_SANITIZE=ON: AddressSanitizer + UndefinedBehaviorSanitizer on all host code.
if(PIMSOC_SANITIZE)
  set(_san -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_compile_options(${_san})
  add_link_options(${_san})
  # A sanitizer report needs line tables (file:line in every frame), not full debug info: -g1
  # after RelWithDebInfo's -g costs 13 % less compile CPU and halves the objects
  # (docs/testing-build-time.md). -DPIMSOC_SANITIZE_DEBUG_INFO=-g brings the full debug info back.
  set(PIMSOC_SANITIZE_DEBUG_INFO -g1 CACHE STRING "Debug-info option of the RelWithDebInfo sanitizer build")
  if(CMAKE_BUILD_TYPE STREQUAL "RelWithDebInfo")
    add_compile_options(${PIMSOC_SANITIZE_DEBUG_INFO})
  endif()
endif()
