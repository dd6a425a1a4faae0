"""Paints a hit row's rich text (heading, snippet with the matches in bold), wrapped to the
view's width; case rows are painted as usual."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from caseorganizer.ui.search.model import HTML_ROLE

Index = QModelIndex | QPersistentModelIndex
MARGIN = 4


class HitDelegate(QStyledItemDelegate):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view

    def _document(self, html: str, option: QStyleOptionViewItem, width: int) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(MARGIN)
        document.setHtml(html)
        document.setTextWidth(max(width, 50))
        return document

    def _width(self, option: QStyleOptionViewItem, index: Index) -> int:
        if option.rect.width() > 0:
            return option.rect.width()
        # size hints are asked without a rectangle: the viewport less the row's indentation
        depth = 1 if index.parent().isValid() else 0
        indentation = getattr(self._view, "indentation", lambda: 0)()
        return self._view.viewport().width() - depth * indentation

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        html = index.data(HTML_ROLE)
        if not html:
            super().paint(painter, option, index)
            return
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        view_option.text = ""  # the background, focus and selection only
        widget = view_option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view_option, painter, widget)
        document = self._document(html, view_option, view_option.rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(view_option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, view_option.palette.color(role))
        painter.save()
        painter.translate(view_option.rect.topLeft())
        painter.setClipRect(view_option.rect.translated(-view_option.rect.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        html = index.data(HTML_ROLE)
        if not html:
            return super().sizeHint(option, index)
        document = self._document(html, option, self._width(option, index))
        return QSize(int(document.idealWidth()), int(document.size().height()))
