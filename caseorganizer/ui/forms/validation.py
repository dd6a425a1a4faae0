"""Show the domain's problems while the user types.

A dialog hands :class:`FormValidator` a function that builds its domain object from the widgets and
returns ``problems()``. The validator runs it on every edit, shows each problem in the inline
:class:`ProblemLabel` under the field it names, tells screen readers (the field's accessible
description), and keeps OK disabled while a problem is on screen. Empty required fields the user has
not touched stay quiet until OK is pressed once; from then on every problem shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QWidget,
)

from caseorganizer.domain import Problem

MAX_LINES = 3
#: the text marker of a problem, beside the icon (never colour alone)
MARKER = "⚠"


class ProblemLabel(QWidget):
    """A warning icon and the message, under a field; hidden while the field is fine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icon = QLabel()
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._text = QLabel()
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._icon)
        layout.addWidget(self._text, 1)
        self.setVisible(False)

    def text(self) -> str:
        return self._text.text()

    def show_messages(self, messages: Sequence[str]) -> None:
        if not messages:
            self._text.clear()
            self.setAccessibleName("")
            self.setVisible(False)
            return
        lines = list(messages[:MAX_LINES])
        if len(messages) > MAX_LINES:
            lines.append(self.tr("…and %n more.", "", len(messages) - MAX_LINES))
        text = "\n".join(lines)
        self._text.setText(text)
        self.setAccessibleName(text)
        side = self.fontMetrics().height()
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._icon.setPixmap(icon.pixmap(QSize(side, side), self.devicePixelRatioF()))
        self.setVisible(True)


@dataclass
class _Binding:
    fields: tuple[str, ...]
    widget: QWidget
    label: ProblemLabel
    sources: tuple[QWidget, ...]
    on_problems: Callable[[list[Problem]], None] | None
    touched: bool = False
    shown: list[Problem] = field(default_factory=list)

    def owns(self, name: str) -> bool:
        return any(name == f or name.startswith((f"{f}[", f"{f}.")) for f in self.fields)

    def blank(self) -> bool:
        return all(_is_blank(w) for w in self.sources)


class FormValidator(QObject):
    """Runs ``check()`` on every edit and shows what it returns next to the fields."""

    #: the problems now on screen (empty when the form can be saved)
    problems_shown = Signal(list)

    def __init__(
        self,
        check: Callable[[], list[Problem]],
        ok_button: QAbstractButton,
        general: ProblemLabel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._check = check
        self._ok = ok_button
        self._general = general
        self._bindings: list[_Binding] = []
        self._started = False
        self.show_all = False
        #: the user changed something since ``start()`` (the form holds unsaved input)
        self.edited = False

    # -- wiring -----------------------------------------------------------------------------------

    def bind(
        self,
        fields: str | tuple[str, ...],
        widget: QWidget,
        label: ProblemLabel,
        *,
        sources: Iterable[QWidget] = (),
        on_problems: Callable[[list[Problem]], None] | None = None,
    ) -> None:
        """Problems named ``fields`` (or ``fields[i].x``) show in ``label``; an edit in ``widget``
        or ``sources`` marks them touched."""
        names = (fields,) if isinstance(fields, str) else fields
        binding = _Binding(names, widget, label, tuple(sources) or (widget,), on_problems)
        self._bindings.append(binding)
        for source in binding.sources:
            _on_change(source, lambda *_, b=binding: self._edited(b))

    def watch(self, *widgets: QWidget) -> None:
        """Revalidate when these change (fields whose problems no label names)."""
        for widget in widgets:
            _on_change(widget, lambda *_: self._edited(None))

    def start(self) -> None:
        """Begin reacting to edits (call once the widgets hold the object being edited)."""
        self._started = True
        self.revalidate()

    # -- running ----------------------------------------------------------------------------------

    def _edited(self, binding: _Binding | None) -> None:
        if not self._started:
            return
        self.edited = True
        if binding is not None:
            binding.touched = True
        self.revalidate()

    def revalidate(self) -> list[Problem]:
        """Check the form, update every label, and return the problems now shown."""
        problems = self._check()
        shown: list[Problem] = []
        owned: set[int] = set()
        for binding in self._bindings:
            mine = [p for p in problems if binding.owns(p.field)]
            owned.update(id(p) for p in mine)
            quiet = not (self.show_all or binding.touched or not binding.blank())
            visible = [] if quiet else mine
            self._show(binding, visible)
            shown.extend(visible)
        rest = [p for p in problems if id(p) not in owned]
        if not (self.show_all or any(b.touched for b in self._bindings)):
            rest = []
        self._general.show_messages([p.message for p in rest])
        shown.extend(rest)
        self._ok.setEnabled(not shown)
        self.problems_shown.emit(shown)
        return shown

    def _show(self, binding: _Binding, visible: list[Problem]) -> None:
        if visible != binding.shown:
            binding.label.show_messages([p.message for p in visible])
            description = visible[0].message if visible else ""
            if binding.widget.accessibleDescription() != description:
                binding.widget.setAccessibleDescription(description)
                event = QAccessibleEvent(binding.widget, QAccessible.Event.DescriptionChanged)
                QAccessible.updateAccessibility(event)
        binding.shown = visible
        if binding.on_problems is not None:
            binding.on_problems(visible)

    def confirm(self) -> bool:
        """Called when OK is pressed: show every problem; if any, focus the first one's field."""
        self.show_all = True
        if not self.revalidate():
            return True
        self.focus_first_problem()
        return False

    def focus_first_problem(self) -> None:
        for binding in self._bindings:
            if binding.shown:
                _reveal(binding.widget)
                binding.widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def widgets_with_problems(self) -> list[QWidget]:
        return [b.widget for b in self._bindings if b.shown]


def _is_blank(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit):
        return not widget.text().strip()
    if isinstance(widget, QPlainTextEdit):
        return not widget.toPlainText().strip()
    if isinstance(widget, QComboBox) and widget.isEditable():
        return not widget.currentText().strip()
    if isinstance(widget, QAbstractItemView):
        model = widget.model()
        return model is None or model.rowCount() == 0
    return False


def _on_change(widget: QWidget, slot: Callable[..., None]) -> None:
    """Connect whatever signal says "the user changed this" to ``slot``."""
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(slot)
        if widget.isEditable():
            widget.editTextChanged.connect(slot)
    elif isinstance(widget, QDateEdit):
        widget.dateChanged.connect(slot)
    elif isinstance(widget, QAbstractSpinBox):
        widget.valueChanged.connect(slot)  # type: ignore[attr-defined]
    elif isinstance(widget, QAbstractButton):
        widget.toggled.connect(slot)
    elif isinstance(widget, QAbstractItemView):
        model = widget.model()
        for signal in (model.dataChanged, model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(slot)
    else:
        raise TypeError(f"cannot watch a {type(widget).__name__}")


def _reveal(widget: QWidget) -> None:
    """Bring forward the tab page that holds ``widget``."""
    child: QWidget | None = widget
    while child is not None:
        parent = child.parentWidget()
        if isinstance(parent, QStackedWidget) and isinstance(parent.parentWidget(), QTabWidget):
            tabs = parent.parentWidget()
            assert isinstance(tabs, QTabWidget)
            tabs.setCurrentWidget(child)
        child = parent
