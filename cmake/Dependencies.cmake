# Every dependency comes from Debian bookworm's packages, found the CMake way.

# Xapian 1.4.22's config sets only XAPIAN_LIBRARIES / XAPIAN_INCLUDE_DIR: wrap it in a target.
find_package(xapian REQUIRED CONFIG)
if(NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian INTERFACE IMPORTED)
  target_link_libraries(Xapian::xapian INTERFACE ${XAPIAN_LIBRARIES})
  target_include_directories(Xapian::xapian SYSTEM INTERFACE ${XAPIAN_INCLUDE_DIR})
endif()

find_package(nlohmann_json 3.11 REQUIRED)
find_package(Threads REQUIRED)

# Debian's cpp-httplib is a shared library with only a pkg-config file; the imported
# target keeps the compile definitions the .so was built with.
find_package(PkgConfig REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
# The stored data is compressed with zstd (format/stored.h): Debian's libzstd-dev.
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
# Language detection (format/language.h): Debian's libcld2-dev, which has no pkg-config file.
find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
find_library(CLD2_LIBRARY cld2 REQUIRED)
add_library(CLD2::cld2 UNKNOWN IMPORTED)
set_target_properties(CLD2::cld2 PROPERTIES IMPORTED_LOCATION "${CLD2_LIBRARY}"
                      INTERFACE_INCLUDE_DIRECTORIES "${CLD2_INCLUDE_DIR}")

if(BUILD_TESTING)
  find_package(doctest REQUIRED)
  include(doctest)
endif()

# libxml2 (Debian's libxml2-dev): its HTML parser for saved pages, its XML reader for feeds.
find_package(LibXml2 REQUIRED)
