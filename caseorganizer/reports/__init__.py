"""Documents made to leave the app: a comparison, later a packet for the next clinician.

Each report module builds a document (HTML for a ``QTextDocument``) from domain or comparison
objects; ``pdf`` turns any such document into PDF bytes or sends it to a printer, with page
numbers and a footer. QtGui and QtPrintSupport only (never widgets), and imported inside the
functions that need them, so that importing this package loads no Qt.
"""
