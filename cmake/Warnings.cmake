# Project code builds warning-clean with these; third-party headers come in as SYSTEM includes.
add_library(pimsoc_warnings INTERFACE)
target_compile_options(pimsoc_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow)
