"""What every form dialog shares: OK/Cancel, live validation, labelled rows, size and tab order."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseorganizer.domain import Problem
from caseorganizer.ui.forms.validation import FormValidator, ProblemLabel


def accessible_name(label_text: str) -> str:
    """ "&Year of birth:" -> "Year of birth" (mnemonic marker and trailing colon removed)."""
    text = label_text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip(" :：").strip()


def plain_text_edit(lines: int = 4) -> QPlainTextEdit:
    """A multi-line text field that Tab leaves instead of typing a tab into."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines)
    return edit


def form_layout(parent: QWidget | None = None) -> QFormLayout:
    """A form whose fields keep their natural width unless they are made to grow (text fields)."""
    form = QFormLayout(parent)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    return form


def chain_tab_order(widgets: Sequence[QWidget]) -> None:
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


class FormDialog(QDialog):
    """A dialog that edits one domain object; subclasses implement ``problems()``."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        self.ok_button: QPushButton = ok
        self.ok_button.setDefault(True)
        self.general_problems = ProblemLabel()
        self.validator = FormValidator(self.problems, self.ok_button, self.general_problems, self)

    def problems(self) -> list[Problem]:  # pragma: no cover - every dialog overrides it
        raise NotImplementedError

    def field(
        self, widget: QWidget, fields: str | tuple[str, ...] = (), row: QLayout | None = None
    ) -> QWidget:
        """``widget`` revalidating the form on every edit; with ``fields``, returned in a box with
        the problem label for those fields under it. ``row`` is a layout holding ``widget`` (and
        more) to show in its place."""
        if not fields and row is None:
            self.validator.watch(widget)
            return widget
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        if row is None:
            column.addWidget(widget)
        else:
            column.addLayout(row)
        if fields:
            problem = ProblemLabel()
            self.validator.bind(fields, widget, problem)
            column.addWidget(problem)
        else:
            self.validator.watch(widget)
        return box

    def label(self, text: str, buddy: QWidget) -> QLabel:
        """A label whose mnemonic reaches ``buddy``, which is named after it for screen readers."""
        label = QLabel(text)
        label.setBuddy(buddy)
        if not buddy.accessibleName():
            buddy.setAccessibleName(accessible_name(text))
        return label

    def add_row(
        self,
        form: QFormLayout,
        text: str,
        widget: QWidget,
        fields: str | tuple[str, ...] = (),
        row: QLayout | None = None,
    ) -> None:
        form.addRow(self.label(text, widget), self.field(widget, fields, row))

    def set_tab_order(self, widgets: Sequence[QWidget]) -> None:
        """Tab goes through ``widgets``, then OK and Cancel; the first one starts with focus."""
        chain_tab_order([*widgets, *self.buttons.buttons()])
        if widgets:
            widgets[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def finish_layout(self, body: QWidget | QFormLayout, chars: int, lines: int) -> None:
        """Put ``body``, the general problems and the buttons in the dialog, sized in text units
        (so it scales with the font and the screen) and never larger than the screen."""
        layout = QVBoxLayout(self)
        if isinstance(body, QFormLayout):
            layout.addLayout(body)
        else:
            layout.addWidget(body, 1)
        layout.addWidget(self.general_problems)
        layout.addWidget(self.buttons)
        metrics = self.fontMetrics()
        width = metrics.averageCharWidth() * chars
        height = metrics.lineSpacing() * lines
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 60)
        least = self.minimumSizeHint()
        self.resize(max(width, least.width()), max(height, least.height()))

    def has_unsaved_input(self) -> bool:
        """The user has changed something in the form since it opened."""
        return self.validator.edited

    def accept(self) -> None:
        if self.validator.confirm():
            super().accept()
