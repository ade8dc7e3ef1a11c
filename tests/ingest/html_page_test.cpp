#include "html_page.h"

#include <doctest/doctest.h>
