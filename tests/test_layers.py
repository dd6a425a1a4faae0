"""The core layers stay free of Qt, and only ui/ imports QtWidgets (DESIGN.md section 3)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import caseorganizer

PACKAGE_DIR = Path(caseorganizer.__file__).parent
CORE = ["domain", "vault", "store", "records", "compare", "reports", "services", "cli"]


def test_core_packages_do_not_load_pyside6() -> None:
    present = [name for name in CORE if (PACKAGE_DIR / name / "__init__.py").exists()]
    assert {"domain", "vault", "store", "services"} <= set(present)
    modules = [f"caseorganizer.{name}" for name in present] + [
        info.name
        for name in present
        for info in pkgutil.iter_modules([str(PACKAGE_DIR / name)], f"caseorganizer.{name}.")
        if not info.name.endswith("__main__")
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {sorted(set(modules))!r}:\n"
        "    if '.migrations' in name: continue\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6')\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"PySide6 loaded by the core: {result.stdout}"


def test_only_ui_imports_qtwidgets() -> None:
    offenders = [
        str(path.relative_to(PACKAGE_DIR))
        for path in PACKAGE_DIR.rglob("*.py")
        if "QtWidgets" in path.read_text(encoding="utf-8")
        and path.relative_to(PACKAGE_DIR).parts[0] != "ui"
    ]
    assert offenders == []
