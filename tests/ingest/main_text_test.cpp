#include "main_text.h"

#include <doctest/doctest.h>
