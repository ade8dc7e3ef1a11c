#include "feed.h"

#include <doctest/doctest.h>
