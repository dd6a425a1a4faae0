"""The global search: a field over every case, hits grouped by case, and opening a hit."""

from caseorganizer.ui.search.navigate import open_hit
from caseorganizer.ui.search.panel import SearchPanel

__all__ = ["SearchPanel", "open_hit"]
