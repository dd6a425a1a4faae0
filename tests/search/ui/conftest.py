"""The UI tests' main window on a real vault (``tests/ui/conftest.py``), for the search box."""

from tests.ui.conftest import (  # noqa: F401 - fixtures, found by name
    Harness,
    app_settings,
    harness,
    no_modal_message_boxes,
)
