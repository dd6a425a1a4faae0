"""The viewer's toolbar: page and zoom actions with their keys, and the buttons showing them.

A mixin of ``RecordViewer`` (which provides the slots: ``previous_page``, ``next_page``,
``zoom_in``, ``zoom_out``, ``fit_width`` and ``_jump_to_page``); button faces are short, their
accessible names and tooltips in full words.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QToolButton, QWidget


class ViewerToolbar:
    """Builds the actions (``_build_actions``) and the toolbar (``_build_toolbar``)."""

    # provided by the viewer (a QWidget)
    tr: Callable[..., str]
    addAction: Callable[[QAction], None]
    previous_page: Callable[[], None]
    next_page: Callable[[], None]
    zoom_in: Callable[[], None]
    zoom_out: Callable[[], None]
    fit_width: Callable[[], None]
    _jump_to_page: Callable[[int], None]

    def _action(self, text: str, keys: list[QKeySequence], slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence
        self.previous_action = self._action(
            self.tr("Previous page"), [key(key.StandardKey.MoveToPreviousPage)], self.previous_page
        )
        self.next_action = self._action(
            self.tr("Next page"), [key(key.StandardKey.MoveToNextPage)], self.next_page
        )
        self.zoom_in_action = self._action(
            self.tr("Zoom in"),
            [key("+"), key("="), *key.keyBindings(key.StandardKey.ZoomIn)],
            self.zoom_in,
        )
        self.zoom_out_action = self._action(
            self.tr("Zoom out"),
            [key("-"), *key.keyBindings(key.StandardKey.ZoomOut)],
            self.zoom_out,
        )
        self.fit_action = self._action(
            self.tr("Fit to width"), [key("0"), key("Ctrl+0")], self.fit_width
        )
        for action, tip in (
            (self.previous_action, self.tr("Previous page (Page Up)")),
            (self.next_action, self.tr("Next page (Page Down)")),
            (self.zoom_in_action, self.tr("Zoom in (+)")),
            (self.zoom_out_action, self.tr("Zoom out (−)")),
            (self.fit_action, self.tr("Fit to the width of the window (0)")),
        ):
            action.setToolTip(tip)
        # short button faces keep the toolbar narrow; names and tooltips stay in full words
        for action, face in (
            (self.previous_action, "◀"),
            (self.next_action, "▶"),
            (self.zoom_in_action, "+"),
            (self.zoom_out_action, "−"),
            (self.fit_action, self.tr("Fit")),
        ):
            action.setIconText(face)

    def _tool_button(self, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setAccessibleName(action.text())
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def _build_toolbar(self) -> None:
        self.previous_button = self._tool_button(self.previous_action)
        self.next_button = self._tool_button(self.next_action)
        self.page_spin = QSpinBox()
        self.page_spin.setAccessibleName(self.tr("Page number"))
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.valueChanged.connect(self._jump_to_page)
        self.page_label = QLabel(self.tr("&Page"))
        self.page_label.setBuddy(self.page_spin)
        self.page_count_label = QLabel()
        self.page_count_label.setAccessibleName(self.tr("Page count"))
        self.zoom_out_button = self._tool_button(self.zoom_out_action)
        self.zoom_in_button = self._tool_button(self.zoom_in_action)
        self.fit_button = self._tool_button(self.fit_action)
        self.zoom_label = QLabel()
        self.zoom_label.setAccessibleName(self.tr("Zoom"))

        self._page_widgets = (
            self.previous_button,
            self.page_label,
            self.page_spin,
            self.page_count_label,
            self.next_button,
        )
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in self._page_widgets:
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (self.zoom_label, self.zoom_out_button, self.zoom_in_button, self.fit_button):
            row.addWidget(widget)
        self.toolbar = QWidget()
        self.toolbar.setAccessibleName(self.tr("Viewer tools"))
        self.toolbar.setLayout(row)
