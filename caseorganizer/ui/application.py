"""The Qt application object and its event loop."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from caseorganizer import APP_NAME, __version__
from caseorganizer.ui.tasks import TaskRunner
from caseorganizer.ui.vault_window import VaultWindow


def run(vault: Path | None) -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Case Organizer")
    app.setApplicationVersion(__version__)
    window = VaultWindow(TaskRunner(), vault)
    window.show()
    return app.exec()
