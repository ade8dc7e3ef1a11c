#include "web_dates.h"

#include <doctest/doctest.h>
