# -DPIMSOC_SANITIZE=ON: AddressSanitizer + UndefinedBehaviorSanitizer on all host code.
if(PIMSOC_SANITIZE)
  set(_san -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_compile_options(${_san})
  add_link_options(${_san})
endif()
