"""Showing a record inside the app: PDFs with QtPdf and images with QImage, both from memory.

With ``vet_passwords`` on, a password typed for a protected PDF is not tried here first:
``password_submitted`` hands it to the page, which has the isolated worker read the file with it,
and then calls ``open_with_password`` (or ``password_refused``). The prompt then also offers to
remember the password in the vault (``remember_password``). A PDF whose password is saved in the
vault is shown with ``show_pdf_with_saved_password``; the toolbar then says so and offers
"Forget saved password" (``forget_password_requested``; the page calls ``password_forgotten``).

Nothing here touches the disk: a PDF is read by QPdfDocument from a QBuffer over a QByteArray that
this widget owns, an image is decoded by ``QImage.fromData``. ``clear`` closes the document, zeroes
the bytes and pixels it holds and drops them (used when the vault locks).
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QImage, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from caseorganizer.ui.records.image_view import ImageView, clamp_zoom
from caseorganizer.ui.records.message_page import MessagePage
from caseorganizer.ui.records.password_prompt import PasswordPrompt
from caseorganizer.ui.records.saved_password import SavedPasswordBar
from caseorganizer.ui.records.viewer_toolbar import ViewerToolbar

ZOOM_STEP = 1.25
#: PDFs with more pages than this are shown one page at a time (see ``_pdf_ready``)
MULTI_PAGE_LIMIT = 150


class Mode(StrEnum):
    EMPTY = "empty"
    PDF = "pdf"
    PASSWORD = "password"
    IMAGE = "image"
    MESSAGE = "message"


class RecordViewer(ViewerToolbar, QWidget):
    """One record at a time: a PDF (pages, zoom, password), an image (zoom, fit) or a message.
    ``password_submitted(password)`` (with ``vet_passwords``); ``retry_requested`` from a
    message offering to read the file again; ``forget_password_requested`` when the user asks
    to forget the password saved for the PDF shown."""

    password_submitted = Signal(str)
    retry_requested = Signal()
    forget_password_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vet_passwords = False
        self.setAccessibleName(self.tr("Record viewer"))
        self._mode = Mode.EMPTY
        self._bytes: QByteArray | None = None
        self._buffer: QBuffer | None = None
        self._saved_password = False  # the PDF is being opened with the vault's saved password
        self._saved_password_failed = False  # ... and that password did not open it

        self._document = QPdfDocument(self)
        self._no_document = QPdfDocument(self)  # the view's while a PDF loads (never loaded)
        self._build_actions()
        self._build_toolbar()
        self._build_saved_password_tools()
        self._build_pages()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self._stack, 1)
        self._show(Mode.EMPTY)

    # -- building ------------------------------------------------------------------------------

    def _build_pages(self) -> None:
        self._stack = QStackedWidget()

        self.empty_label = self._message_label(self.tr("Choose a record to see it here."))
        self.empty_label.setAccessibleName(self.tr("No record shown"))

        self.pdf_view = QPdfView()
        self.pdf_view.setAccessibleName(self.tr("PDF pages"))
        self.pdf_view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pdf_view.setDocument(self._document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf_view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self.pdf_view.zoomFactorChanged.connect(self._update_zoom_label)
        self.pdf_view.zoomModeChanged.connect(self._update_zoom_label)

        self.password_prompt = PasswordPrompt()
        self.password_prompt.submitted.connect(self._try_password)
        self.password_label = self.password_prompt.label
        self.password_edit = self.password_prompt.edit
        self.password_button = self.password_prompt.button

        self.image_area = ImageView()
        self.image_area.zoom_changed.connect(self._update_zoom_label)
        self.image_label = self.image_area.label

        self.message_page = MessagePage()
        self.message_page.retry_requested.connect(self.retry_requested)
        self.message_label = self.message_page.label

        self._pages = {
            Mode.EMPTY: self.empty_label,
            Mode.PDF: self.pdf_view,
            Mode.PASSWORD: self.password_prompt,
            Mode.IMAGE: self.image_area,
            Mode.MESSAGE: self.message_page,
        }
        for page in self._pages.values():
            self._stack.addWidget(page)

    def _build_saved_password_tools(self) -> None:
        """The note on a PDF opened with the password saved in the vault, and "Forget saved
        password"; on the toolbar, after the page controls."""
        self.saved_password_bar = SavedPasswordBar()
        self.saved_password_bar.forget_requested.connect(self.forget_password_requested)
        self.saved_password_note = self.saved_password_bar.note
        self.forget_password_action = self.saved_password_bar.action
        self.forget_password_button = self.saved_password_bar.button
        row = self.toolbar.layout()
        assert isinstance(row, QHBoxLayout)
        row.insertWidget(len(self._page_widgets), self.saved_password_bar)  # before the stretch

    @staticmethod
    def _message_label(text: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        return label

    # -- what is shown -------------------------------------------------------------------------

    @property
    def mode(self) -> Mode:
        return self._mode

    @property
    def document(self) -> QPdfDocument:
        return self._document

    def image(self) -> QImage | None:
        return self.image_area.image()

    def message(self) -> str:
        return self.message_label.text() if self._mode == Mode.MESSAGE else ""

    def _show(self, mode: Mode) -> None:
        self._mode = mode
        self._stack.setCurrentWidget(self._pages[mode])
        self.toolbar.setVisible(mode in (Mode.PDF, Mode.IMAGE))
        pdf = mode == Mode.PDF
        for widget in self._page_widgets:
            widget.setVisible(pdf)
        self.previous_action.setEnabled(pdf)
        self.next_action.setEnabled(pdf)
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_action):
            action.setEnabled(mode in (Mode.PDF, Mode.IMAGE))
        self._update_zoom_label()

    def show_pdf(self, data: bytes) -> None:
        """Show a PDF from memory; a protected one asks for its password first."""
        self.clear()
        self._bytes = QByteArray(data)
        self._load_pdf()

    def show_pdf_with_saved_password(self, data: bytes, password: str) -> None:
        """Show a protected PDF with the password saved in the vault for it (kept by the
        document only while it is shown); asks for the password if that one does not open it."""
        self.clear()
        self._bytes = QByteArray(data)
        self._saved_password = True
        self._document.setPassword(password)
        self._load_pdf()

    @property
    def remember_password(self) -> bool:
        """True when the user ticked "Remember this password in the vault" for the password
        just submitted."""
        return self.password_prompt.remember

    @property
    def shows_saved_password(self) -> bool:
        """True while the PDF shown was opened with the password saved in the vault."""
        return self._mode == Mode.PDF and self._saved_password

    def password_forgotten(self) -> None:
        """The saved password of the PDF shown was removed from the vault (the PDF stays open)."""
        if self._mode != Mode.PDF:
            return
        self._saved_password = False
        self.saved_password_bar.forgotten()

    def password_not_forgotten(self) -> None:
        """Forgetting the saved password failed: say so (it can be tried again)."""
        if self.shows_saved_password:
            self.saved_password_bar.not_forgotten()

    def show_image(self, data: bytes) -> None:
        """Show a PNG or JPEG (any format QImage reads) from memory, fitted to the width."""
        self.clear()
        image = QImage.fromData(data)
        if image.isNull():
            self.show_message()
            return
        self._show(Mode.IMAGE)
        self.image_area.set_image(image)

    def show_message(self, text: str | None = None, retry: bool = False) -> None:
        """A plain message instead of a record (a file that cannot be shown, say), with a button
        to read the file again when ``retry``."""
        if text is None:
            text = self.tr("This file could not be shown. It is still kept safely in the vault.")
        self.clear()
        self.message_page.show_text(text, retry)
        self._show(Mode.MESSAGE)

    def clear(self) -> None:
        """Drop the document, its bytes and the image; zeroes what this widget held first."""
        self._document.close()
        self._document.setPassword("")
        self._drop_buffer()
        if self._bytes is not None:
            self._bytes.fill(0)
            self._bytes = None
        self.image_area.clear()
        self.password_prompt.reset()
        self.message_page.clear()
        self._saved_password = self._saved_password_failed = False
        self.saved_password_bar.clear()
        self._show(Mode.EMPTY)

    def _drop_buffer(self) -> None:
        if self._buffer is not None:
            self._buffer.close()
            self._buffer = None

    # -- PDF -----------------------------------------------------------------------------------

    def _load_pdf(self) -> None:
        self._document.close()
        self._drop_buffer()
        assert self._bytes is not None
        self._buffer = QBuffer(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        # Loaded apart from the view, which is given the document once shown: it lays out all
        # the pages once instead of twice (a 500-page PDF would hold the window for longer).
        self.pdf_view.setDocument(self._no_document)
        self._document.load(self._buffer)
        status = self._document.status()
        error = self._document.error()
        if status == QPdfDocument.Status.Ready and self._document.pageCount() > 0:
            self._pdf_ready()
        elif error == QPdfDocument.Error.IncorrectPassword:
            if self._saved_password:  # cannot happen to the same bytes, but ask if it does
                self._saved_password = False
                self._saved_password_failed = True
                self._document.setPassword("")
            self._ask_password()
        elif error == QPdfDocument.Error.UnsupportedSecurityScheme:
            self.show_message(
                self.tr(
                    "This PDF is protected in a way the app cannot open. "
                    "It is still kept safely in the vault."
                )
            )
        else:
            self.show_message()

    def _pdf_ready(self) -> None:
        count = self._document.pageCount()
        self.page_spin.blockSignals(True)
        self.page_spin.setRange(1, count)
        self.page_spin.setValue(1)
        self.page_spin.blockSignals(False)
        self.page_count_label.setText(self.tr("of %n", "pages", count))
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # Laying out every page of a long PDF at once holds the window (some 30 ms per 500
        # pages here): a long one is shown a page at a time.
        many = count > MULTI_PAGE_LIMIT
        self.pdf_view.setPageMode(
            QPdfView.PageMode.SinglePage if many else QPdfView.PageMode.MultiPage
        )
        self._show(Mode.PDF)
        self.pdf_view.setDocument(self._document)
        self.pdf_view.pageNavigator().jump(0, QPointF(), 0)
        self._update_page_actions(0)
        if self._saved_password:
            self.saved_password_bar.saved()

    def _ask_password(self) -> None:
        failed, self._saved_password_failed = self._saved_password_failed, False
        self.password_prompt.ask(
            again=self._mode == Mode.PASSWORD,
            can_remember=self.vet_passwords,
            saved_failed=failed,
        )
        self._show(Mode.PASSWORD)

    def _try_password(self, password: str) -> None:
        if self._bytes is None:
            return
        if self.vet_passwords:
            self.password_prompt.checking()
            self.password_submitted.emit(password)
            return
        self.open_with_password(password)

    def open_with_password(self, password: str, saved: bool = False) -> None:
        """Open the protected PDF shown with ``password`` (kept by the document only while it is
        shown); ``saved`` when it was just saved in the vault too."""
        if self._bytes is None:
            return
        self._saved_password = saved
        self._document.setPassword(password)
        self._load_pdf()

    def password_refused(self) -> None:
        """The password did not open the PDF: ask again."""
        if self._mode == Mode.PASSWORD:
            self._ask_password()

    def _jump_to_page(self, number: int) -> None:
        if self._mode != Mode.PDF:
            return
        navigator = self.pdf_view.pageNavigator()
        navigator.jump(number - 1, QPointF(), navigator.currentZoom())

    def _page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self._update_page_actions(page)

    def _update_page_actions(self, page: int) -> None:
        pdf = self._mode == Mode.PDF
        self.previous_action.setEnabled(pdf and page > 0)
        self.next_action.setEnabled(pdf and page < self._document.pageCount() - 1)

    def current_page(self) -> int:
        """The page shown, counted from 0."""
        return self.pdf_view.pageNavigator().currentPage()

    def go_to_page(self, number: int) -> bool:
        """Show page ``number`` (counted from 1) of the PDF shown; False when there is no such
        page (or no PDF)."""
        if self._mode != Mode.PDF or not 1 <= number <= self._document.pageCount():
            return False
        if number == self.page_spin.value():
            self._jump_to_page(number)  # the spin box would not announce an unchanged value
        else:
            self.page_spin.setValue(number)
        return True

    def previous_page(self) -> None:
        if self._mode == Mode.PDF and self.current_page() > 0:
            self.page_spin.setValue(self.current_page())

    def next_page(self) -> None:
        if self._mode == Mode.PDF and self.current_page() < self._document.pageCount() - 1:
            self.page_spin.setValue(self.current_page() + 2)

    # -- zoom ----------------------------------------------------------------------------------

    def zoom_factor(self) -> float:
        """The zoom now in effect (1.0: natural size), also while fitting to the width."""
        if self._mode == Mode.IMAGE:
            return self.image_area.zoom_factor()
        if self.pdf_view.zoomMode() == QPdfView.ZoomMode.Custom:
            return self.pdf_view.zoomFactor()
        return self._pdf_fit_zoom()

    def _pdf_fit_zoom(self) -> float:
        page = self._document.pagePointSize(max(self.current_page(), 0))
        if page.width() <= 0:
            return 1.0
        margins = self.pdf_view.documentMargins()
        width = self.pdf_view.viewport().width() - margins.left() - margins.right()
        return clamp_zoom(width / (page.width() * self.pdf_view.logicalDpiX() / 72.0))

    def _set_zoom(self, zoom: float) -> None:
        if self._mode == Mode.PDF:
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.pdf_view.setZoomFactor(clamp_zoom(zoom))
        elif self._mode == Mode.IMAGE:
            self.image_area.set_zoom(zoom)

    def zoom_in(self) -> None:
        self._set_zoom(self.zoom_factor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.zoom_factor() / ZOOM_STEP)

    def fit_width(self) -> None:
        if self._mode == Mode.PDF:
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif self._mode == Mode.IMAGE:
            self.image_area.set_zoom(None)

    def _update_zoom_label(self, *_changed: object) -> None:
        if self._mode in (Mode.PDF, Mode.IMAGE):
            percent = round(self.zoom_factor() * 100)
            self.zoom_label.setText(self.tr("%1%").replace("%1", str(percent)))
        else:
            self.zoom_label.clear()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_zoom_label()
