"""Two parts of the opinion dialog with their own small logic: the approach check boxes and the
cost fields."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QGroupBox, QLineEdit, QWidget

from caseorganizer.domain import Approach, CostQuote, Problem
from caseorganizer.ui.forms.amount import format_amount, parse_amount
from caseorganizer.ui.forms.labels import COMMON_CURRENCIES, approach_labels


class ApproachBox(QGroupBox):
    """A check box per recommended approach, in two columns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Recommended &approach"))
        self.checks: dict[Approach, QCheckBox] = {}
        grid = QGridLayout(self)
        for number, (approach, label) in enumerate(approach_labels()):
            check = QCheckBox(label)
            check.setAccessibleName(label)
            self.checks[approach] = check
            grid.addWidget(check, number % 4, number // 4)

    def set_approaches(self, approaches: tuple[Approach, ...]) -> None:
        for approach, check in self.checks.items():
            check.setChecked(approach in approaches)

    def approaches(self, before: tuple[Approach, ...] = ()) -> tuple[Approach, ...]:
        """The ticked ones: those in ``before`` first, in its order, then the rest."""
        ticked = [a for a, check in self.checks.items() if check.isChecked()]
        return tuple([a for a in before if a in ticked] + [a for a in ticked if a not in before])


class CostFields(QObject):
    """Amount (exact decimals, empty = no cost), currency and what the cost covers."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.amount_edit = QLineEdit()
        self.amount_edit.setPlaceholderText(self.tr("for example 1200.50"))
        self.amount_edit.setToolTip(self.tr("Leave it empty when no cost was given."))
        self.currency_combo = QComboBox()
        self.currency_combo.setEditable(True)
        self.currency_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.currency_combo.addItems(COMMON_CURRENCIES)
        self.currency_combo.setValidator(
            QRegularExpressionValidator(QRegularExpression("[A-Za-z]{0,3}"), self.currency_combo)
        )
        self.currency_combo.setCurrentText(default_currency())
        self.notes_edit = QLineEdit()
        self.notes_edit.setPlaceholderText(self.tr("for example Two nights in hospital"))

    def set_cost(self, cost: CostQuote | None) -> None:
        if cost is None:
            self.amount_edit.clear()
            self.notes_edit.clear()
            return
        self.amount_edit.setText(format_amount(cost.amount))
        self.currency_combo.setCurrentText(cost.currency)
        self.notes_edit.setText(cost.notes)

    def cost(self) -> tuple[CostQuote | None, list[Problem]]:
        """The cost quote, and what the domain cannot say about it (text that is no number)."""
        notes = self.notes_edit.text().strip()
        try:
            amount = parse_amount(self.amount_edit.text())
        except ValueError:
            return None, [Problem("cost", self.tr("Write the amount as a number, like 1200.50."))]
        if amount is None:
            if notes:
                message = self.tr("Enter the amount, or clear what the cost covers.")
                return None, [Problem("cost", message)]
            return None, []
        currency = self.currency_combo.currentText().strip().upper()
        return CostQuote(amount=amount, currency=currency, notes=notes), []


def default_currency() -> str:
    code = QLocale().currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
    return code if len(code) == 3 and code.isalpha() else "EUR"
