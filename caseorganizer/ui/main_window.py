"""The main window: the start screen until a vault is unlocked, then the patient and case list on
the left and the chosen case's pages on the right. Locking returns to the start screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
)

from caseorganizer import APP_NAME, __version__
from caseorganizer.ui.idle import IdleWatcher
from caseorganizer.ui.messages import plain_error
from caseorganizer.ui.settings import AppSettings
from caseorganizer.ui.start_screen import StartScreen

if TYPE_CHECKING:  # the first window needs none of these: imported when a vault opens
    from caseorganizer.services.pending_vault import PendingVault
    from caseorganizer.services.vaults import OpenVault
    from caseorganizer.ui.session import VaultSession
    from caseorganizer.ui.workspace import Workspace

ABOUT_TEXT = (
    "<h3>{name} {version}</h3>"
    "<p>Keep your health cases and your doctors' opinions side by side, on your own computer.</p>"
    "<p><b>Privacy:</b> everything you enter stays on this computer, in one encrypted file. The "
    "app has no account, sends nothing anywhere and has no tracking. Only you hold the "
    "passphrase and the recovery code.</p>"
    "<p>Case Organizer helps you organise what your doctors told you. It does not give medical "
    "advice.</p>"
)


class MainWindow(QMainWindow):
    def __init__(self, runner: Any, settings: AppSettings, keychain_loader: Any = None) -> None:
        super().__init__()
        self._runner = runner
        self._settings = settings
        self.session: VaultSession | None = None
        self.workspace: Workspace | None = None
        self.setWindowTitle(APP_NAME)

        self.start = StartScreen(runner, settings)
        self.start.opened.connect(self._vault_opened)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start)
        self.setCentralWidget(self.stack)
        self.demo_banner = QLabel()
        self.statusBar().addPermanentWidget(self.demo_banner)

        self._build_menus()
        self.idle = IdleWatcher(self, settings.idle_lock_minutes())
        self.idle.idle.connect(self._idle_lock)
        self.idle.warning.connect(self._warn_before_idle_lock)
        self.idle.resumed.connect(self._idle_lock_averted)
        geometry, state = settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 800)
        if state is not None:
            self.restoreState(state)
        self._update_actions()
        if keychain_loader is not None:  # on a thread of its own, never the database thread
            self.start.load_keychain(keychain_loader)

    # -- menus -----------------------------------------------------------------------------------

    def _action(self, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if isinstance(shortcut, QKeySequence.StandardKey):  # every binding of the platform
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            # a list: ``setShortcut`` would make PySide6 create its ``Qt`` namespace (see
            # ``ui.application``) before the first window is painted
            action.setShortcuts([QKeySequence(shortcut)])
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.open_action = self._action(
            self.tr("&Open Vault…"), self._open_other, QKeySequence.StandardKey.Open
        )
        self.new_vault_action = self._action(self.tr("&New Vault…"), self._new_vault)
        self.lock_action = self._action(self.tr("&Lock Now"), self.lock, "Ctrl+L")
        self.backup_action = self._action(self.tr("&Back Up Now"), self.backup_now)
        # in File, so it works with no vault open too (Edit is disabled while locked)
        self.preferences_action = self._action(self.tr("&Preferences…"), self.preferences)
        self.preferences_action.setShortcuts(QKeySequence.StandardKey.Preferences)
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        for action in (
            self.new_vault_action,
            self.open_action,
            None,
            self.lock_action,
            self.backup_action,
            None,
            self.preferences_action,
            None,
            quit_action,
        ):
            if action is None:
                file_menu.addSeparator()
            else:
                file_menu.addAction(action)
        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.case_menu = bar.addMenu(self.tr("&Case"))
        self.view_menu = bar.addMenu(self.tr("&View"))
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About Case Organizer"), self.about))

    def _update_actions(self) -> None:
        is_open = self.session is not None
        self.lock_action.setEnabled(is_open)
        self.backup_action.setEnabled(is_open)
        for menu in (self.edit_menu, self.case_menu, self.view_menu):
            menu.setEnabled(is_open)

    # -- opening and locking ---------------------------------------------------------------------

    def _vault_opened(self, opened: OpenVault | PendingVault, demo: bool) -> None:
        from caseorganizer.ui.session import VaultSession
        from caseorganizer.ui.tasks import after_posted_events
        from caseorganizer.ui.workspace import Workspace

        self.session = VaultSession(self._runner, opened, self)
        self.session.error.connect(self.show_error)
        self.session.opening_failed.connect(self._opening_failed)
        self.workspace = Workspace(self.session, self)
        self.workspace.fill_menus(self.edit_menu, self.case_menu, self.view_menu)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self.setWindowTitle(f"{opened.path.name} — {APP_NAME}")
        self.demo_banner.setText(self.tr("DEMO VAULT: invented cases, not real") if demo else "")
        self._update_actions()
        self.idle.start()
        self.workspace.load()
        if self.session.is_pending:
            # The case list shows the first look; the vault is opened for the rest once it is
            # painted: the opening imports the ORM on the database thread, and while it holds
            # Python's lock, painting (which calls into Python) would wait for it.
            after_posted_events(self.session, self.session.finish_opening)

    def _opening_failed(self, error: BaseException) -> None:
        self.lock(" ".join([self.tr("The vault could not be opened."), plain_error(self, error)]))

    def lock(self, message: str = "") -> None:
        """Drop every decrypted object and go back to the start screen."""
        if self.workspace is not None and not self.workspace.may_lock():
            return
        lost_input = self._close_open_dialogs()
        if lost_input:
            message = " ".join(
                [
                    message or self.tr("The vault is locked."),
                    self.tr(
                        "A form that was open was closed; its unsaved changes were not kept, "
                        "because they could not be kept encrypted."
                    ),
                ]
            )
        session, self.session = self.session, None
        workspace, self.workspace = self.workspace, None
        self.idle.stop()
        if workspace is not None:
            self.edit_menu.clear()
            self.case_menu.clear()
            self.view_menu.clear()
            self.stack.removeWidget(workspace)
            workspace.deleteLater()
        if session is not None:
            session.lock()
            session.deleteLater()
        self.demo_banner.clear()
        self.setWindowTitle(APP_NAME)
        self.stack.setCurrentWidget(self.start)
        self.start.reset(message or self.tr("The vault is locked."))
        self._update_actions()

    def _close_open_dialogs(self) -> int:
        """Close every dialog still showing vault data (a form left open when the idle lock
        strikes): nothing decrypted may stay on screen once the vault is locked. Returns how
        many of them held unsaved input."""
        from caseorganizer.ui.lock_warning import has_unsaved_input

        lost = 0
        for dialog in self._open_dialogs():
            lost += has_unsaved_input(dialog)
            dialog.reject()
        return lost

    def _open_dialogs(self) -> list[QDialog]:
        return [d for d in self.findChildren(QDialog) if d.isVisible()]

    def _warn_before_idle_lock(self, seconds: int) -> None:
        """Shortly before the idle lock: an open form with unsaved input says it will be lost,
        and the window asks for attention, so the user can still save it."""
        from caseorganizer.ui.lock_warning import has_unsaved_input, show_lock_warning

        warned = [
            dialog
            for dialog in self._open_dialogs()
            if has_unsaved_input(dialog) and show_lock_warning(dialog, seconds)
        ]
        if warned:
            QApplication.alert(self)

    def _idle_lock_averted(self) -> None:
        from caseorganizer.ui.lock_warning import hide_lock_warning

        for dialog in self._open_dialogs():
            hide_lock_warning(dialog)

    def _idle_lock(self) -> None:
        self.lock(self.tr("The vault was locked because the computer was left idle."))

    def _open_other(self) -> None:
        self.lock()
        if self.session is None:
            self.start.choose_vault()

    def _new_vault(self) -> None:
        self.lock()
        if self.session is None:
            self.start.create_vault()

    def preferences(self) -> None:
        from caseorganizer.ui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self, self._settings)
        if self._run_dialog(dialog):
            self.apply_idle_time(self._settings.idle_lock_minutes())
        dialog.deleteLater()

    def apply_idle_time(self, minutes: int) -> None:
        """Use a new idle time now; with a vault open, the wait starts again from here."""
        self.idle.set_minutes(minutes)
        if self.session is not None:
            self.idle.start()

    def _run_dialog(self, dialog: QDialog) -> bool:
        """A seam for tests: run ``dialog`` modally, True when it was accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def backup_now(self) -> None:
        session = self.session
        if session is None:
            return
        self.statusBar().showMessage(self.tr("Backing up…"))
        session.backup_now(
            lambda path: self.statusBar().showMessage(
                self.tr("Backup written: %1").replace("%1", str(path)), 8000
            ),
            self.show_error,
        )

    # -- messages --------------------------------------------------------------------------------

    def show_error(self, error: BaseException) -> None:
        QMessageBox.warning(self, APP_NAME, plain_error(self, error))

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Case Organizer"),
            self.tr(ABOUT_TEXT).format(name=APP_NAME, version=__version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session is not None:
            self.lock()
            if self.session is not None:
                event.ignore()
                return
        self._settings.save_window_state(self.saveGeometry(), self.saveState())
        self._runner.shutdown()
        super().closeEvent(event)
