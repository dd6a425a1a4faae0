"""One measured start-up in a fresh interpreter, run by ``startup.py`` (not to be run by hand).

Modes:

- ``bare``: a bare PySide6 window (a QMainWindow holding a label), the baseline;
- ``first-window``: the real app (``caseorganizer.app.main([])``), up to its first window;
- ``case-list``: the real app with ``--demo``, up to the demo vault's case list showing rows;
- ``demo-click``: the real app started plainly, "Try the demo" clicked ``CLICK_AT_S`` after the
  spawn (as a person would, a second or so after the window appears); measured from the click
  to the demo's case list showing rows.

The clock starts when the parent spawned this process (``time.time()`` passed in the environment
as ``CASEORGANIZER_BENCH_T0``), so interpreter start-up and every import count. It stops when
the window's first paint begins (its ``paintEvent``, overridden in a subclass; no event filter, so
the probe itself creates no enum types the bare window would not need) or, for the case list, at
the first Paint event of the case table's viewport while its model has rows (an event filter).
The child prints one line, ``elapsed=SECONDS``, and exits at once with ``os._exit`` so tear-down
costs nothing and nothing is saved.

All instrumentation is here: the app is only wrapped (a subclass of its main window), never
changed.
"""

import os
import sys
import time

T0 = float(os.environ["CASEORGANIZER_BENCH_T0"])
CLICK_AT_S = 1.0
_since = T0  # what ``elapsed`` counts from: the spawn, or the click in ``demo-click``


def _report(what: str) -> None:
    elapsed = time.time() - _since
    sys.stdout.write(f"{what}={elapsed:.6f}\n")
    sys.stdout.flush()
    os._exit(0)


def _paint_probe(accept):
    """An event filter reporting the first Paint event for which ``accept(obj)`` holds."""
    from PySide6.QtCore import QEvent, QObject

    class PaintProbe(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and accept(obj):
                _report("elapsed")
            return False

    return PaintProbe()


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    class BareWindow(QMainWindow):
        def paintEvent(self, event):
            _report("elapsed")

    app = QApplication(sys.argv[:1])
    window = BareWindow()
    window.setCentralWidget(QLabel("A bare PySide6 window"))
    window.resize(1200, 800)
    window.show()
    app.exec()


def app(mode: str) -> None:
    import caseorganizer.ui.application as application
    from caseorganizer.app import main

    product_window = application.MainWindow

    class ProbedMainWindow(product_window):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if mode in ("case-list", "demo-click"):
                # Connected after the window's own slot, so the workspace exists when this runs.
                self.start.opened.connect(self._watch_case_list)
            if mode == "demo-click":
                from PySide6.QtCore import QTimer

                wait_ms = max(0, round((T0 + CLICK_AT_S - time.time()) * 1000))
                QTimer.singleShot(wait_ms, self._click_demo)

        def _click_demo(self):
            global _since
            _since = time.time()
            self.start.open_demo()  # what the "Try the demo" button does

        def paintEvent(self, event):
            if mode == "first-window":
                _report("elapsed")
            super().paintEvent(event)

        def _watch_case_list(self, *_args):
            view = self.workspace.case_view
            viewport = view.viewport()
            self._probe = _paint_probe(lambda obj: obj is viewport and view.model().rowCount() > 0)
            viewport.installEventFilter(self._probe)

    application.MainWindow = ProbedMainWindow
    main(["--demo"] if mode == "case-list" else [])
    sys.stderr.write("the app exited before it was measured\n")
    os._exit(3)


if __name__ == "__main__":
    which = sys.argv[1]
    if which == "bare":
        bare()
    else:
        app(which)
