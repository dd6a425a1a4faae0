"""Guard against a Qt binding that leaks a reference on every signal emitted from Python.

PySide6 6.12.0 on Python 3.11 does: the process aborts ("bool_dealloc") after a few hundred emits,
and the app emits on every database call. Run in a child process, since the failure is an abort.
"""

from __future__ import annotations

import subprocess
import sys

CHILD = """
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Emitter(QObject):
    fired = Signal(int, object)

app = QCoreApplication([])
emitter = Emitter()
seen = []
emitter.fired.connect(lambda number, _payload: seen.append(number))
for number in range(20_000):
    emitter.fired.emit(number, None)
print(len(seen))
"""


def test_many_signals_emitted_from_python_do_not_crash() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "20000"
