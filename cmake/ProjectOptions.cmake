# Warnings and sanitizers as INTERFACE targets, linked PRIVATE by every project target.
add_library(project_warnings INTERFACE)
target_compile_options(project_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow)

add_library(project_options INTERFACE)
target_link_libraries(project_options INTERFACE project_warnings)
if(ARTICLE_SEARCH_SANITIZE)
  # -O1 -g1 (after the build type's -O2 -g, so they win): what the sanitizers' own docs
  # suggest, line numbers in every report, and half the compile time of -O2 -g
  # (bench/RESULTS.md, "The sanitizer build").
  target_compile_options(project_options INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -O1 -g1)
  target_link_options(project_options INTERFACE -fsanitize=address,undefined)
endif()
