"""How much memory reading one file may take: the rule every reader keeps.

Reading a file may take at most ten times its size plus 200 MB, and never more than 1 GB, so
that no file, however it was made, can exhaust a laptop. Readers whose cost is not simply
proportional to the file's size (a zip of XML that inflates a thousandfold, XML made of tiny
elements) estimate what they would build before building it and refuse a file whose estimate
passes `allowance(size)`: the bound less what the program holds before it reads a byte.
"""
from __future__ import annotations

MB = 1024 * 1024
# Peak resident memory of `review-desk import` of a one-post file, lxml, openpyxl and
# translate-toolkit loaded: 62-75 MB measured (x86_64, Python 3.11); rounded up.
BASELINE = 80 * MB


def memory_bound(size: int) -> int:
    """The most that reading a file of `size` bytes may take."""
    return min(10 * size + 200 * MB, 1024 * MB)


def allowance(size: int) -> int:
    """What a reader may build from a file of `size` bytes, beyond what the program holds."""
    return memory_bound(size) - BASELINE
