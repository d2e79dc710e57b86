"""Work-arounds for bugs in the Qt bindings, applied once and kept in one place.

PySide6 6.12.0 on Python 3.11: every call of a bound method that returns ``void`` (``setPen``,
``setObjectName``, ``QTimer.setInterval`` …) drops one reference to ``None`` too many. After
a few thousand calls ``None``'s count reaches zero and the interpreter aborts with
"Fatal Python error: none_dealloc". PySide6 6.11.2 does not do this, and from Python 3.12 on
``None`` is immortal (PEP 683), so the bug is harmless there.

:func:`keep_none_alive` does on 3.11 what 3.12 does by design: it gives ``None`` a reference
count so large that no number of stray decrements can bring it to zero. ``None`` is never
freed anyway, so this changes nothing else.
"""

from __future__ import annotations

import sys

_applied = False


def keep_none_alive() -> None:
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    # ob_refcnt is the first field of every CPython object (a Py_ssize_t).
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    _applied = True
