"""Settings shared by the fuzz tests: reproducible and bounded by default, larger on demand.

By default each property draws the same few examples on every run (`derandomize=True`), so CI
is reproducible and fast. `FUZZ_EXAMPLES=5000 bash scripts/test.sh tests/fuzz` runs 5,000 fresh
random examples per property instead; hypothesis prints how to reproduce any failure it finds.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0"))


def fuzz(default_examples: int, **more) -> settings:
    """Settings for one property: `default_examples` unless FUZZ_EXAMPLES says otherwise."""
    return settings(max_examples=EXAMPLES or default_examples, deadline=None,
                    derandomize=not EXAMPLES, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much],
                    **more)
