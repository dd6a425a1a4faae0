"""The page's dialogs: choosing files, the export warning, confirming a delete, and a small
form for a record's details (title, kind, date, source, notes; never its file)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from caseorganizer.domain import Record, RecordKind
from caseorganizer.domain.validation import MAX_TITLE
from caseorganizer.ui.records.model import kind_label


class RecordDetailsDialog(QDialog):
    """Edits a copy of ``record``; ``record()`` gives the edited copy once accepted."""

    def __init__(self, record: Record, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._original = record
        self.setWindowTitle(self.tr("Record details"))

        self.title_edit = QLineEdit(record.title)
        self.title_edit.setMaxLength(MAX_TITLE)
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Kind"))
        for kind in RecordKind:
            self.kind_combo.addItem(kind_label(kind), kind.value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(RecordKind(record.kind).value))

        self.dated_check = QCheckBox(self.tr("&Dated"))
        self.dated_check.setAccessibleName(self.tr("The record has a date"))
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setAccessibleName(self.tr("Date of the record"))
        when = record.record_date
        self.date_edit.setDate(
            QDate(when.year, when.month, when.day) if when else QDate.currentDate()
        )
        self.dated_check.setChecked(when is not None)
        self.date_edit.setEnabled(when is not None)
        self.dated_check.toggled.connect(self.date_edit.setEnabled)
        date_row = QHBoxLayout()
        date_row.addWidget(self.dated_check)
        date_row.addWidget(self.date_edit, 1)

        self.source_edit = QLineEdit(record.source)
        self.source_edit.setMaxLength(MAX_TITLE)
        self.source_edit.setAccessibleName(self.tr("Source"))
        self.source_edit.setPlaceholderText(self.tr("Clinic, laboratory or doctor"))
        self.notes_edit = QPlainTextEdit(record.notes)
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setTabChangesFocus(True)

        form = QFormLayout()
        for text, field in (
            (self.tr("&Title:"), self.title_edit),
            (self.tr("&Kind:"), self.kind_combo),
            (self.tr("&Source:"), self.source_edit),
            (self.tr("&Notes:"), self.notes_edit),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.insertRow(2, self.tr("Date:"), date_row)

        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName(self.tr("Problems"))
        self.problem_label.setVisible(False)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)

    def record(self) -> Record:
        when = self.date_edit.date() if self.dated_check.isChecked() else None
        return replace(
            self._original,
            title=self.title_edit.text().strip(),
            kind=RecordKind(self.kind_combo.currentData()),
            record_date=when.toPython() if when is not None else None,
            source=self.source_edit.text().strip(),
            notes=self.notes_edit.toPlainText(),
        )

    def accept(self) -> None:
        problems = self.record().problems()
        if problems:
            self.problem_label.setText("\n".join(p.message for p in problems))
            self.problem_label.setVisible(True)
            return
        super().accept()


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecordDialogs", text)


def ask_open_files(parent: QWidget) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(
        parent,
        _tr("Import records"),
        "",
        _tr("PDFs and images (*.pdf *.png *.jpg *.jpeg);;All files (*)"),
    )
    return [Path(name) for name in names]


def ask_save_path(parent: QWidget, suggested: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, _tr("Save an unencrypted copy"), str(Path.home() / suggested)
    )
    return Path(name) if name else None


def _ask(box: QMessageBox, yes: str, role: QMessageBox.ButtonRole) -> bool:
    """Cancel is the default and the Escape answer: only an explicit choice says yes."""
    accept = box.addButton(yes, role)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is accept


def confirm_export(parent: QWidget) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, _tr("Export a copy"), "", parent=parent)
    box.setText(
        _tr(
            "The copy will NOT be encrypted. Anyone who can open the place you save it to "
            "can read it."
        )
    )
    box.setInformativeText(
        _tr("Save it only somewhere you trust, and delete it when you no longer need it.")
    )
    return _ask(box, _tr("Choose where to save…"), QMessageBox.ButtonRole.AcceptRole)


def confirm_delete(parent: QWidget, title: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, _tr("Delete record"), "", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(_tr("Delete “%1” from the vault?").replace("%1", title))
    box.setInformativeText(
        _tr(
            "The file is removed from the vault; you can undo this until you close the "
            "vault. Copies exported earlier are not touched."
        )
    )
    return _ask(box, _tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)


def ask_duplicate(parent: QWidget, name: str, existing_title: str, more: bool) -> tuple[bool, bool]:
    """The file ``name`` is already attached to the case (as ``existing_title``): attach it
    again? Returns (attach again, do the same for the other such files). Skipping is the
    default and the Escape answer."""
    box = QMessageBox(QMessageBox.Icon.Question, _tr("Already attached"), "", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        _tr("“%1” is already attached to this case, as “%2”.")
        .replace("%2", existing_title)
        .replace("%1", name)
    )
    box.setInformativeText(_tr("It is exactly the same file. Attach it a second time?"))
    again = box.addButton(_tr("Attach again"), QMessageBox.ButtonRole.AcceptRole)
    skip = box.addButton(_tr("Skip"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(skip)
    box.setEscapeButton(skip)
    for_all = QCheckBox(_tr("Do the same for the other files already attached"))
    if more:
        box.setCheckBox(for_all)
    box.exec()
    return box.clickedButton() is again, more and for_all.isChecked()
