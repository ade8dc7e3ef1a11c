#include "metadata.h"

#include <doctest/doctest.h>
