"""Record files: what they are (``sniff``), taking them in (``ingest``), and reading a PDF's
text in an isolated worker process with time and memory limits (``reader`` in the app,
``worker`` and ``pdf_text`` in the worker, ``protocol`` between them). No Qt here: the worker
alone loads QtPdf, inside its own process."""
