"""KeyringKeychain against a real Secret Service (gnome-keyring on a private D-Bus session bus).

The tests never touch the desktop's own keychain: they start a private ``dbus-daemon`` (no service
activation, so no prompt window can appear) and a ``gnome-keyring-daemon`` unlocked with a throwaway
password, with HOME and XDG directories in a temporary folder. Where the binaries are missing the
tests skip, except under CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.core
import pytest
from keyring.backends import SecretService, chainer, fail, null

from caseorganizer.vault.errors import KeychainError
from caseorganizer.vault.keychain import (
    SERVICE_NAME,
    KeyringKeychain,
    UnavailableKeychain,
    default_keychain,
)

pytestmark = pytest.mark.keychain

BACKEND = "keyring.backends.SecretService.Keyring"
KEY = bytes(range(7, 39))
OTHER_KEY = bytes(range(200, 232))
LOCKED = "The keychain is locked. Unlock it (log in to your desktop session) and try again."
BINARIES = ("dbus-daemon", "gnome-keyring-daemon")
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _require_binaries() -> None:
    missing = [name for name in BINARIES if shutil.which(name) is None]
    if missing:
        reason = (
            f"a real Secret Service needs {' and '.join(missing)} "
            "(Debian packages dbus and gnome-keyring)"
        )
        if _in_ci():
            pytest.fail(f"CI must run the keychain tests: {reason}")
        pytest.skip(reason)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _wait_until_ready(deadline: float) -> None:
    """Wait until the Secret Service owns its name and its default collection is unlocked."""
    import secretstorage

    last = "nothing answered"
    while time.monotonic() < deadline:
        try:
            with contextlib.closing(secretstorage.dbus_init()) as connection:
                if secretstorage.check_service_availability(connection):
                    collection = secretstorage.get_default_collection(connection)
                    if not collection.is_locked():
                        return
                    last = "the default collection is locked"
        except Exception as exc:  # the daemon is still starting
            last = f"{type(exc).__name__}: {exc}"
        time.sleep(0.1)
    raise RuntimeError(f"the private Secret Service did not come up ({last})")


@contextlib.contextmanager
def running_secret_service(root: Path) -> Iterator[str]:
    """Start a private bus and gnome-keyring; point this process at them; yield the bus address."""
    _require_binaries()
    home = root / "home"
    dirs = {
        "HOME": home,
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_RUNTIME_DIR": root / "run",
    }
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    config = root / "bus.conf"
    config.write_text(BUS_CONFIG.format(socket=root / "run" / "bus"), encoding="utf-8")
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"}
        and not name.startswith(("GNOME_KEYRING", "SSH_AUTH"))
    }
    env.update({name: str(path) for name, path in dirs.items()})
    log = (root / "daemons.log").open("wb")
    bus = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=log,
        env=env,
    )
    daemon: subprocess.Popen[bytes] | None = None
    try:
        assert bus.stdout is not None
        address = bus.stdout.readline().decode().strip()
        if not address:
            raise RuntimeError("dbus-daemon did not print its address")
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=log,
            stderr=log,
            env=env,
        )
        assert daemon.stdin is not None
        daemon.stdin.write(b"throwaway-test-password")
        daemon.stdin.close()
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
            try:
                _wait_until_ready(time.monotonic() + 15)
            except RuntimeError as exc:
                log.flush()
                output = (root / "daemons.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{exc}; daemon output:\n{output}") from None
            yield address
    finally:
        if daemon is not None:
            _stop(daemon)
        _stop(bus)
        log.close()


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private, unlocked Secret Service for the whole session; yields the bus address."""
    with running_secret_service(tmp_path_factory.mktemp("secret-service")) as address:
        yield address


@pytest.fixture
def fresh_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make keyring choose its backend again (from the environment) and restore it afterwards."""
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)


@pytest.fixture
def secret_keyring(
    secret_service: str, fresh_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """keyring set to its SecretService backend, talking to the private daemon."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", secret_service)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", BACKEND)


@pytest.fixture
def vault_id(request: pytest.FixtureRequest) -> str:
    """A vault id (hex, like the real ones) unique to the test."""
    return hashlib.sha256(request.node.nodeid.encode()).hexdigest()[:32]


# --- against the real Secret Service ---------------------------------------------------------


def test_default_keychain_is_secret_service(secret_keyring: None) -> None:
    keychain = default_keychain()
    assert isinstance(keychain, KeyringKeychain)
    assert keychain.available
    assert keychain.unavailable_reason == ""
    assert keychain.name == "Secret Service"


def test_round_trip(secret_keyring: None, vault_id: str) -> None:
    keychain = KeyringKeychain()
    assert keychain.get(vault_id) is None
    keychain.set(vault_id, KEY)
    assert keychain.get(vault_id) == KEY
    assert keyring.get_password(SERVICE_NAME, vault_id) == KEY.hex()
    keychain.set(vault_id, OTHER_KEY)  # replaces, no duplicate
    assert keychain.get(vault_id) == OTHER_KEY
    keychain.delete(vault_id)
    assert keychain.get(vault_id) is None
    assert keyring.get_password(SERVICE_NAME, vault_id) is None
    keychain.delete(vault_id)  # missing entry is fine


def test_entry_survives_new_instance(secret_keyring: None, vault_id: str) -> None:
    KeyringKeychain().set(vault_id, KEY)
    keyring.core._keyring_backend = None  # a new "process" choosing its backend again
    assert KeyringKeychain().get(vault_id) == KEY
    KeyringKeychain().delete(vault_id)


def test_damaged_entry_is_an_error(secret_keyring: None, vault_id: str) -> None:
    keyring.set_password(SERVICE_NAME, vault_id, "this is not a key")
    keychain = KeyringKeychain()
    with pytest.raises(KeychainError) as info:
        keychain.get(vault_id)
    assert info.value.message.startswith(
        "The keychain holds something for this vault that is not a key"
    )
    assert vault_id not in info.value.message
    keychain.delete(vault_id)  # a damaged entry can still be removed
    assert keychain.get(vault_id) is None


class _DroppingBackend(SecretService.Keyring):
    """The real Secret Service, but writes are silently lost."""

    def set_password(self, service: str, username: str, password: str) -> None:
        return None


class _CorruptingBackend(SecretService.Keyring):
    """The real Secret Service, but writes store a different value."""

    def set_password(self, service: str, username: str, password: str) -> None:
        super().set_password(service, username, password[::-1])


def test_read_back_catches_dropped_write(secret_keyring: None, vault_id: str) -> None:
    keychain = KeyringKeychain(_DroppingBackend())
    assert keychain.available
    with pytest.raises(KeychainError, match="did not keep the key") as info:
        keychain.set(vault_id, KEY)
    assert KEY.hex() not in str(info.value)


def test_read_back_catches_stale_entry(secret_keyring: None, vault_id: str) -> None:
    KeyringKeychain().set(vault_id, OTHER_KEY)
    with pytest.raises(KeychainError, match="did not keep the key"):
        KeyringKeychain(_DroppingBackend()).set(vault_id, KEY)
    assert KeyringKeychain().get(vault_id) == OTHER_KEY
    KeyringKeychain().delete(vault_id)


def test_read_back_catches_altered_write(secret_keyring: None, vault_id: str) -> None:
    with pytest.raises(KeychainError, match="did not keep the key"):
        KeyringKeychain(_CorruptingBackend()).set(vault_id, KEY)
    KeyringKeychain().delete(vault_id)


def test_locked_collection(tmp_path: Path, fresh_keyring: None, vault_id: str) -> None:
    """Lock the default collection; keyring asks gnome-keyring to unlock it, which needs a prompt.

    The private bus has no service activation, so gnome-keyring cannot show its prompter and the
    unlock is dismissed at once: keyring raises KeyringLocked, which must reach the user as the
    plain "locked" message. This runs on its own daemon so the session's stays unlocked.
    """
    import secretstorage

    with running_secret_service(tmp_path) as address, pytest.MonkeyPatch.context() as patch:
        patch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        patch.setenv("PYTHON_KEYRING_BACKEND", BACKEND)
        keychain = KeyringKeychain()
        keychain.set(vault_id, KEY)
        with contextlib.closing(secretstorage.dbus_init()) as connection:
            collection = secretstorage.get_default_collection(connection)
            collection.lock()
            assert collection.is_locked()
        started = time.monotonic()
        for call in (
            lambda: keychain.get(vault_id),
            lambda: keychain.set(vault_id, OTHER_KEY),
            lambda: keychain.delete(vault_id),
        ):
            with pytest.raises(KeychainError) as info:
                call()
            assert info.value.message == LOCKED
            assert isinstance(info.value.__cause__, keyring.errors.KeyringLocked)
        assert time.monotonic() - started < 10
        with contextlib.closing(secretstorage.dbus_init()) as connection:
            assert secretstorage.get_default_collection(connection).is_locked()


def test_unreachable_service_is_an_error(
    tmp_path: Path, fresh_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-such-bus'}")
    keychain = KeyringKeychain(SecretService.Keyring())
    assert keychain.available  # chosen explicitly; failures show up on use
    with pytest.raises(KeychainError, match="could not be reached"):
        keychain.get("00" * 16)
    with pytest.raises(KeychainError, match="could not be reached"):
        keychain.set("00" * 16, KEY)


# --- keyring's placeholder backends ----------------------------------------------------------


@pytest.mark.parametrize(
    ("backend", "reason"),
    [
        (null.Keyring(), "null backend, which keeps nothing"),
        (fail.Keyring(), "No keychain service was found on this computer"),
    ],
)
def test_placeholder_backends_are_unavailable(
    fresh_keyring: None, backend: keyring.backend.KeyringBackend, reason: str
) -> None:
    keyring.set_keyring(backend)
    keychain = default_keychain()
    assert isinstance(keychain, UnavailableKeychain)
    assert not keychain.available
    assert reason in keychain.unavailable_reason
    assert "passphrase" in keychain.unavailable_reason
    with pytest.raises(KeychainError) as info:
        keychain.get("00" * 16)
    assert info.value.message == keychain.unavailable_reason
    direct = KeyringKeychain(backend)
    assert not direct.available
    with pytest.raises(KeychainError):
        direct.set("00" * 16, KEY)


def test_empty_chainer_is_unavailable(fresh_keyring: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring.backend, "_limit", lambda _backend: False)
    backend = chainer.ChainerBackend()
    assert list(backend.backends) == []
    keyring.set_keyring(backend)
    keychain = default_keychain()
    assert isinstance(keychain, UnavailableKeychain)
    assert "No keychain service was found" in keychain.unavailable_reason


def test_keyring_without_any_backend_is_unavailable(
    fresh_keyring: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With no Secret Service on the bus, keyring itself falls back to fail.Keyring."""
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-such-bus'}")
    keychain = default_keychain()
    if not isinstance(keychain, UnavailableKeychain):
        pytest.skip(f"this machine has another keyring backend: {keychain.name}")
    assert "No keychain service was found" in keychain.unavailable_reason
