# Every dependency comes from a Debian package installed by ./setup.sh.
find_package(PkgConfig REQUIRED)
# Debian's SystemC ships no CMake package, only a pkg-config file.
pkg_check_modules(SYSTEMC REQUIRED IMPORTED_TARGET systemc>=2.3.3)
find_package(spdlog REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(GTest REQUIRED)
find_package(Threads REQUIRED)
