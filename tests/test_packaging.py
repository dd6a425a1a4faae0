"""Installable as a desktop app: the launcher, AppStream metainfo, file type, icon and install
script in packaging/linux, and the icon shipped as package data (read through importlib.resources).

CI needs Debian's appstream and desktop-file-utils (and shared-mime-info) for the validator tests;
without them those checks are skipped."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from importlib.resources import files
from pathlib import Path

import pytest

import caseorganizer

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.caseorganizer.CaseOrganizer"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME = LINUX / f"{APP_ID}.mime.xml"
SCRIPT = LINUX / "install-launcher.sh"
MIME_TYPE = "application/x-caseorganizer-vault"
SVG_NS = "{http://www.w3.org/2000/svg}"


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def _icon_bytes() -> bytes:
    return (files("caseorganizer.resources") / "icons" / "caseorganizer.svg").read_bytes()


# --- the launcher (.desktop) -------------------------------------------------------------------


def test_desktop_file_has_the_required_keys() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == caseorganizer.APP_NAME
    assert entry["GenericName"] == "Health case organizer"
    assert entry["Comment"]
    assert entry["Exec"] == "caseorganizer %f"
    assert entry["Exec"].split()[0] == "caseorganizer"
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    categories = entry["Categories"].split(";")
    assert {"Office", "MedicalSoftware"} <= set(categories)
    assert categories[-1] == ""  # lists end with a semicolon
    assert entry["MimeType"].split(";") == [MIME_TYPE, ""]
    assert "second opinion" in entry["Keywords"].split(";")


def test_desktop_file_command_is_the_installed_gui_script() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "caseorganizer" in pyproject["project"]["gui-scripts"]


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="needs desktop-file-utils"
)
def test_desktop_file_validate_passes() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error:" not in result.stdout and "warning:" not in result.stdout, result.stdout


# --- AppStream metainfo and the vault's file type ----------------------------------------------


def test_metainfo_matches_the_app() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license") == "CC0-1.0"
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert root.findtext("project_license") == pyproject["project"]["license"]
    assert root.findtext("name") == caseorganizer.APP_NAME
    launchable = root.find("launchable")
    assert launchable is not None and launchable.text == DESKTOP.name
    assert "caseorganizer" in [b.text for b in root.iterfind("provides/binary")]
    assert root.findtext("provides/mediatype") == MIME_TYPE
    releases = root.findall("releases/release")
    assert releases, "at least one release"
    assert releases[0].get("version") == caseorganizer.__version__
    assert releases[0].get("date")
    description = " ".join("".join(p.itertext()) for p in root.iterfind("description/p"))
    assert "does not give medical advice" in " ".join(description.split())
    rating = root.find("content_rating")
    assert rating is not None and rating.get("type") == "oars-1.1"


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="needs appstream")
def test_appstreamcli_validate_passes() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert not any(line.lstrip().startswith(("E:", "W:")) for line in output.splitlines()), output


def test_mime_file_declares_the_vault_type() -> None:
    ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
    root = ET.parse(MIME).getroot()
    assert root.tag == f"{ns}mime-info"
    types = root.findall(f"{ns}mime-type")
    assert [t.get("type") for t in types] == [MIME_TYPE]
    assert [g.get("pattern") for g in types[0].iterfind(f"{ns}glob")] == ["*.cov"]
    assert types[0].findtext(f"{ns}comment")


# --- the icon ---------------------------------------------------------------------------------


def test_icon_is_package_data_and_self_contained_svg() -> None:
    data = _icon_bytes()
    root = ET.fromstring(data)
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("viewBox") == "0 0 128 128"
    text = data.decode("utf-8")
    for forbidden in ("<image", "<text", "http://www.w3.org/1999/xlink", "url(http", "@import"):
        assert forbidden not in text, forbidden
    assert "href" not in text  # no external (or internal) references to resolve


def test_pyproject_ships_the_resources() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "resources/**/*" in pyproject["tool"]["setuptools"]["package-data"]["caseorganizer"]


@pytest.mark.parametrize("size", [16, 48, 256])
def test_icon_renders_with_qtsvg(qapp, size: int) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(_icon_bytes()))
    assert renderer.isValid()
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    opaque = sum(
        1 for y in range(size) for x in range(size) if image.pixelColor(x, y).alpha() > 200
    )
    # A full, centred drawing: most of the square is painted, but not all of it.
    assert 0.3 * size * size < opaque < 0.9 * size * size
    assert image.pixelColor(size // 2, size // 2).alpha() == 255


def test_app_icon_is_not_null(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSize

    from caseorganizer.ui.resources import APP_ID as UI_APP_ID
    from caseorganizer.ui.resources import app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert QSize(16, 16) in icon.availableSizes()
    assert not icon.pixmap(256, 256).isNull()
    assert UI_APP_ID == APP_ID


def test_app_icon_loads_from_a_zip(tmp_path: Path) -> None:
    """No source checkout and no real file at run time: the package imported from a zip."""
    archive = tmp_path / "caseorganizer.zip"
    package = Path(caseorganizer.__file__).parent
    with zipfile.ZipFile(archive, "w") as zf:
        for path in package.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                zf.write(path, path.relative_to(package.parent).as_posix())
    code = (
        "from PySide6.QtGui import QGuiApplication\n"
        "app = QGuiApplication([])\n"
        "import caseorganizer.ui.resources as r\n"
        "print(r.__file__)\n"
        "print(r.app_icon().isNull())\n"
    )
    env = dict(os.environ, PYTHONPATH=str(archive), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    where, null = result.stdout.split()
    assert where.startswith(str(archive))
    assert null == "False"


# --- the install script -----------------------------------------------------------------------


def _shells() -> list[str]:
    return [shell for shell in ("bash", "sh") if shutil.which(shell)]


def _run_script(
    shell: str, env: dict[str, str], *args: str, script: Path = SCRIPT
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [shell, str(script), *args], env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("shell", _shells())
def test_install_script_installs_and_uninstalls(shell: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    data = tmp_path / "data"
    home.mkdir()
    # A stand-in for the installed command as pipx writes it: its first line names the
    # interpreter that has the package ("#!.../bin/python -E"), which the script asks for the icon.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    app = bin_dir / "caseorganizer"
    app.write_text(f"#!{sys.executable} -E\nraise SystemExit(0)\n", encoding="utf-8")
    app.chmod(0o755)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHON", "PIPX_BIN_DIR", "XDG_DATA_DIRS"}
    }
    env.update(HOME=str(home), XDG_DATA_HOME=str(data), PATH=f"{bin_dir}{os.pathsep}/usr/bin:/bin")

    # Run a copy outside the checkout, so the icon can only come from the installed package.
    script = Path(shutil.copytree(LINUX, tmp_path / "linux")) / SCRIPT.name
    result = _run_script(shell, env, script=script)
    assert result.returncode == 0, result.stdout + result.stderr
    desktop = data / "applications" / f"{APP_ID}.desktop"
    icon = data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    metainfo = data / "metainfo" / f"{APP_ID}.metainfo.xml"
    mime = data / "mime" / "packages" / f"{APP_ID}.xml"
    for path in (desktop, icon, metainfo, mime):
        assert path.is_file(), path
    assert icon.read_bytes() == _icon_bytes()
    assert metainfo.read_bytes() == METAINFO.read_bytes()
    assert mime.read_bytes() == MIME.read_bytes()
    installed = desktop.read_text(encoding="utf-8")
    assert f"\nExec={app} %f\n" in installed  # the full path: menus work without ~/.local/bin
    assert f"\nTryExec={app}\n" in installed
    assert installed.replace(str(app), "caseorganizer") == DESKTOP.read_text(encoding="utf-8")
    assert not list(data.rglob("*.tmp"))
    if shutil.which("update-mime-database"):
        globs = (data / "mime" / "globs2").read_text(encoding="utf-8")
        assert f"{MIME_TYPE}:*.cov" in globs
    if shutil.which("update-desktop-database"):
        cache = (data / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
        assert f"{MIME_TYPE}={APP_ID}.desktop;" in cache

    # Running it again updates in place.
    assert _run_script(shell, env, script=script).returncode == 0

    result = _run_script(shell, env, "--uninstall", script=script)
    assert result.returncode == 0, result.stdout + result.stderr
    leftovers = [
        path
        for path in data.rglob("*")
        if path.is_file() and (APP_ID in path.name or b"caseorganizer" in path.read_bytes().lower())
    ]
    assert leftovers == []
    assert list(home.iterdir()) == []  # everything went to XDG_DATA_HOME


def test_install_script_rejects_unknown_options(tmp_path: Path) -> None:
    env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"))
    result = _run_script("sh", env, "--bogus")
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert not (tmp_path / "data").exists()
