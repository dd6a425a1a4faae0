"""Prepare Packet for Next Clinician: choose the case's records, see what the packet holds and
what a second opinion usually needs but it lacks, and save it as one PDF.

The content is read once through the session; ticking records works the checklist out again
without asking the vault. Saving warns that the file is not encrypted, asks where to save it,
reads the chosen files on the database thread, then makes the PDF and writes it on a pool
thread (the window stays responsive; Cancel stops before the file is written). The file is
written under a temporary name in the chosen folder and renamed once complete.

The message and file dialogs (``packet_export``) sit behind ``_confirm_unencrypted`` and
``_ask_save_path``, and the pool thread behind ``_run_helper``, for tests. Nothing is logged but
counts and error types.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from caseorganizer.reports.packet import PacketCancelled, PacketResult, build_packet
from caseorganizer.reports.packet_cover import checklist_html
from caseorganizer.reports.packet_words import kind_word
from caseorganizer.reports.pdf import RenderError
from caseorganizer.services.errors import NotFound
from caseorganizer.services.packet import (
    LeftOut,
    PacketContent,
    PacketSources,
    gather_packet,
    packet_sources,
    write_packet,
)
from caseorganizer.ui.formatting import format_date
from caseorganizer.ui.packet_export import (
    ask_save_path,
    confirm_unencrypted,
    run_on_pool_thread,
    suggested_file_name,
)
from caseorganizer.ui.session import VaultSession
from caseorganizer.vault.errors import DiskFullError, StorageError

log = logging.getLogger(__name__)

#: the record's id, on each item of the list
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("PacketDialog", text)


_LEFT_OUT_HINT = {
    LeftOut.PASSWORD: "protected by a password: it will be left out. To put it in, open it on "
    "the Records page and tick “Remember this password in the vault”",
    LeftOut.DAMAGED: "damaged: it will probably be left out",
    LeftOut.UNSAFE: "could not be read safely: it will be left out",
    LeftOut.UNSUPPORTED: "neither a PDF nor an image: it will be left out",
}


class PacketDialog(QDialog):
    """The records of one case to choose from, the checklist, and Save packet…"""

    def __init__(
        self,
        session: VaultSession,
        case_id: int,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._case_id = case_id
        self._today = today
        self._content: PacketContent | None = None
        self._busy = False
        self._cancel: threading.Event | None = None
        self._closed = False  # answers arriving after the dialog closed are dropped
        #: files found not to go in when a packet was made (kept while the choice changes)
        self._found_left_out: dict[int, LeftOut] = {}
        #: the last packet saved from this dialog (for tests and the status line)
        self.saved: tuple[Path, PacketResult] | None = None

        self.setWindowTitle(self.tr("Prepare Packet for Next Clinician"))
        self.setAccessibleName(self.tr("Prepare packet for next clinician"))
        self.intro = QLabel(
            self.tr(
                "The packet is one PDF for the next clinician: a summary of the case (the "
                "patient, the opinions so far, the medicines, the open questions), then the "
                "records you choose here, each with a bookmark. Personal notes, costs and "
                "insurance details stay out."
            )
        )
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)

        self.record_list = QListWidget()
        self.record_list.setAccessibleName(self.tr("Records to put in the packet"))
        self.record_list.setAccessibleDescription(
            self.tr("Tick a record to put it in the packet; press Space to tick or untick.")
        )
        self.record_list.setWordWrap(True)
        self.record_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.record_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.record_list.setSpacing(2)
        self.record_list.itemChanged.connect(self._item_changed)
        records_label = QLabel(self.tr("&Records to put in the packet:"))
        records_label.setBuddy(self.record_list)
        self.all_button = QPushButton(self.tr("Choose &all"))
        self.all_button.setAccessibleName(self.tr("Choose all records"))
        self.all_button.clicked.connect(lambda: self.set_all_checked(True))
        self.none_button = QPushButton(self.tr("Choose &none"))
        self.none_button.setAccessibleName(self.tr("Choose no records"))
        self.none_button.clicked.connect(lambda: self.set_all_checked(False))
        for button in (self.all_button, self.none_button):
            button.setAutoDefault(False)  # Enter saves, wherever the focus is
        choose_row = QHBoxLayout()
        choose_row.addWidget(self.all_button)
        choose_row.addWidget(self.none_button)
        choose_row.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(records_label)
        left_layout.addWidget(self.record_list, 1)
        left_layout.addLayout(choose_row)

        self.checklist = QTextBrowser()
        self.checklist.setAccessibleName(self.tr("Checklist: what the packet holds and lacks"))
        self.checklist.setOpenLinks(False)
        checklist_label = QLabel(self.tr("C&hecklist:"))
        checklist_label.setBuddy(self.checklist)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(checklist_label)
        right_layout.addWidget(self.checklist, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([420, 420])

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName(self.tr("Status"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("Making the packet"))
        self.progress.setVisible(False)

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("&Save packet…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setAccessibleName(self.tr("Save the packet as a PDF file"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName(self.tr("Close"))
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(860, 560)

        session.locked.connect(self._locked)
        self._update_buttons()

    # -- loading ---------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the case's packet content (every record chosen)."""
        case_id, today = self._case_id, self._today
        self.status.setText(self.tr("Reading the case…"))
        self._session.read(
            lambda services: gather_packet(services, case_id, today),
            self._loaded,
            self._load_failed,
        )

    def _loaded(self, content: PacketContent) -> None:
        if self._closed:
            return
        chosen = self._content.chosen if self._content is not None else None
        if chosen is not None:
            content = self._choose(content, chosen)
        self._content = content
        self.setWindowTitle(
            self.tr("Prepare Packet for Next Clinician — %1").replace("%1", content.case.title)
        )
        self.record_list.blockSignals(True)
        self.record_list.clear()
        for record in content.records:
            item = QListWidgetItem(self._record_text(record.title, record.kind, record.dated))
            item.setData(RECORD_ID_ROLE, record.id)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            checked = record.id in content.chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.record_list.addItem(item)
        self.record_list.blockSignals(False)
        if self.record_list.count():
            self.record_list.setCurrentRow(0)
        self.status.setText(
            ""
            if content.records
            else self.tr("This case has no records yet: the packet will hold the summary only.")
        )
        self._show_checklist()
        self._update_buttons()

    def _record_text(self, title: str, kind: Any, dated: date | None) -> str:
        """The title, then the kind and the date on a second line."""
        when = format_date(dated) if dated is not None else self.tr("no date")
        return f"{title}\n{kind_word(kind)}, {when}"

    def _load_failed(self, error: BaseException) -> None:
        log.warning("packet content not read (%s)", type(error).__name__)
        if self._closed:
            return
        if isinstance(error, NotFound):
            self.status.setText(self.tr("This case is no longer in the vault."))
        else:
            self.status.setText(self.tr("The case could not be read."))
        self._update_buttons()

    # -- choosing --------------------------------------------------------------------------------

    def chosen_ids(self) -> list[int]:
        ids = []
        for row in range(self.record_list.count()):
            item = self.record_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(int(item.data(RECORD_ID_ROLE)))
        return ids

    def set_all_checked(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.record_list.blockSignals(True)
        for row in range(self.record_list.count()):
            self.record_list.item(row).setCheckState(state)
        self.record_list.blockSignals(False)
        self._choice_changed()

    def _item_changed(self, _item: QListWidgetItem) -> None:
        self._choice_changed()

    def _choice_changed(self) -> None:
        if self._content is None:
            return
        self._content = self._choose(self._content, self.chosen_ids())
        self._show_checklist()

    def _choose(self, content: PacketContent, ids: Any) -> PacketContent:
        chosen = content.choose(ids)
        if not self._found_left_out:
            return chosen
        return chosen.with_left_out({**chosen.left_out, **self._found_left_out})

    @property
    def content(self) -> PacketContent | None:
        return self._content

    def _show_checklist(self) -> None:
        content = self._content
        if content is None:
            self.checklist.clear()
            return
        self.checklist.setHtml(checklist_html(content.checklist, heading="h4", titled=False))
        self.record_list.blockSignals(True)  # a tooltip is not a change of choice
        for row in range(self.record_list.count()):
            item = self.record_list.item(row)
            reason = content.left_out.get(int(item.data(RECORD_ID_ROLE)))
            hint = _tr(_LEFT_OUT_HINT[reason]) if reason is not None else ""
            item.setToolTip(hint)
        self.record_list.blockSignals(False)

    # -- saving ----------------------------------------------------------------------------------

    def _confirm_unencrypted(self) -> bool:
        return confirm_unencrypted(self)

    def _ask_save_path(self, suggested: str) -> Path | None:
        return ask_save_path(self, suggested)

    def _run_helper(self, call: Callable[[], Any], done: Callable[[Any], None]) -> None:
        run_on_pool_thread(self, call, done)

    @property
    def busy(self) -> bool:
        return self._busy

    def save(self) -> None:
        """Warn, ask where, then make and write the packet off the GUI thread."""
        content = self._content
        if content is None or self._busy or not self._session.is_open:
            return
        if not self._confirm_unencrypted():
            return
        path = self._ask_save_path(suggested_file_name(content.case.title))
        if path is None:
            return
        chosen, case_id, today = self.chosen_ids(), self._case_id, content.made_on
        self._set_busy(True)
        self.status.setText(self.tr("Making the packet…"))
        self._session.read(
            lambda services: packet_sources(services, case_id, chosen, today),
            lambda sources: self._make(sources, path),
            self._read_failed,
        )

    def _make(self, sources: PacketSources, path: Path) -> None:
        if self._closed:
            return
        cancel = self._cancel = threading.Event()

        def work() -> Any:
            try:
                result = build_packet(
                    sources.content, sources.files, cancel.is_set, sources.passwords
                )
                if cancel.is_set():
                    raise PacketCancelled
                write_packet(path, result.data)
                return result
            except BaseException as exc:  # handed to the GUI thread, which says it plainly
                return exc

        self._run_helper(work, lambda outcome: self._made(path, outcome))

    def _made(self, path: Path, outcome: Any) -> None:
        self._cancel = None
        if self._closed:
            return
        self._set_busy(False)
        if isinstance(outcome, PacketResult):
            self.saved = (path, outcome)
            self._found_left_out.update(outcome.content.left_out)
            self._content = outcome.content
            self._show_checklist()
            self.status.setText(self._saved_text(path, outcome))
            self.close_button.setFocus()
            return
        if isinstance(outcome, PacketCancelled):
            self.status.setText(self.tr("The packet was not saved."))
            return
        log.warning("packet not saved (%s)", type(outcome).__name__)
        if isinstance(outcome, DiskFullError):
            text = self.tr(
                "The packet could not be saved: the disk is full. Free some space and try again."
            )
        elif isinstance(outcome, StorageError):
            text = self.tr("The packet could not be saved there. Please choose another place.")
        elif isinstance(outcome, RenderError):
            text = self.tr("The packet could not be made. Nothing was saved.")
        else:
            text = self.tr(
                "Something unexpected went wrong while making the packet. Nothing was saved."
            )
        self.status.setText(text)

    def _saved_text(self, path: Path, result: PacketResult) -> str:
        text = (
            self.tr("The packet was saved as “%1” (%2 pages).")
            .replace("%1", path.name)
            .replace("%2", str(result.page_count))
        )
        left_out = len(result.content.checklist.left_out)
        if left_out:
            text += " " + self.tr(
                "%n record(s) could not be added: see the checklist.", "", left_out
            )
        text += " " + self.tr("It is not encrypted: delete it when you no longer need it.")
        return text

    def _read_failed(self, error: BaseException) -> None:
        log.warning("packet records not read (%s)", type(error).__name__)
        if self._closed:
            return
        self._set_busy(False)
        if isinstance(error, NotFound):
            self.status.setText(
                self.tr(
                    "The case changed while the packet was being made: check the list and "
                    "save again."
                )
            )
            if self._session.is_open:
                self.load()
            return
        self.status.setText(self.tr("The records could not be read. Nothing was saved."))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.close_button.setText(self.tr("Cancel") if busy else self.tr("Close"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self._content is not None and not self._busy
        self.save_button.setEnabled(ready)
        self.record_list.setEnabled(ready)
        has_records = ready and self.record_list.count() > 0
        self.all_button.setEnabled(has_records)
        self.none_button.setEnabled(has_records)

    # -- closing ---------------------------------------------------------------------------------

    def reject(self) -> None:
        """Close; a packet being made is stopped before it is written."""
        if self._cancel is not None:
            self._cancel.set()
        self._closed = True
        super().reject()

    def _locked(self) -> None:
        """The vault was locked: forget the content and close."""
        self._content = None
        self.record_list.clear()
        self.checklist.clear()
        self.reject()
