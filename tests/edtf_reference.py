"""The reference's reading of EDTF strings, for tests/edtf_reference.rs.

Reads a JSON list of strings on stdin and writes, for each, whether the Library of
Congress's reference implementation (the `edtf` package on PyPI) accepts it, its strict
lower and upper bounds as YYYY-MM-DD (null where it gives none: an open end), and the name
of the exception where the package fails on it rather than refusing it.
Exits 2 when `edtf` cannot be imported: the comparison cannot be made without it.
"""

import contextlib
import io
import json
import sys

try:
    from edtf import EDTFParseException, parse_edtf
except ImportError as e:
    sys.stderr.write(f"cannot import the reference implementation `edtf` ({e}); install it with `python3 -m pip install edtf`\n")
    sys.exit(2)


def day(t):
    if t is None:
        return None
    return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"


def bound(f):
    try:
        return day(f())
    except Exception:  # an open end has no bound: the package raises
        return None


def read(text):
    refused = {"ok": False, "lower": None, "upper": None, "crash": None}
    try:
        x = parse_edtf(text)
    except EDTFParseException:
        return refused
    except Exception as e:  # the package's own failure, not a verdict on the text
        return dict(refused, crash=type(e).__name__)
    if x is None:
        return refused
    return {"ok": True, "lower": bound(x.lower_strict), "upper": bound(x.upper_strict), "crash": None}


texts = json.load(sys.stdin)
# The package prints its own tracing for some inputs: keep it out of the answer.
with contextlib.redirect_stdout(io.StringIO()):
    answers = [read(t) for t in texts]
print(json.dumps(answers))
