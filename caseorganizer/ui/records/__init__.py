"""The Records page: a case's files listed, shown inside the app (from memory, never through a
decrypted file), imported by button or drag and drop, and exported only when the user asks."""

from caseorganizer.ui.records.drop import RecordDropTarget, local_paths
from caseorganizer.ui.records.model import RecordListModel, kind_label
from caseorganizer.ui.records.page import RecordsPage
from caseorganizer.ui.records.viewer import RecordViewer

__all__ = [
    "RecordDropTarget",
    "RecordListModel",
    "RecordViewer",
    "RecordsPage",
    "kind_label",
    "local_paths",
]
