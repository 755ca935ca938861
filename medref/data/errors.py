"""The one family of data errors: a file in data/ is missing or fails its checks.

Each data file has its own subclass (ReferenceDataError, RiskDataError, ...), so a test can expect
the right file's error, and anything that reports problems to a person (`python -m medref`, the
build) catches MedrefDataError alone. The message already names the file, each problem and the fix.
"""

from __future__ import annotations


class MedrefDataError(ValueError):
    """A file in data/ is missing or malformed; the message lists every problem and how to fix it."""
