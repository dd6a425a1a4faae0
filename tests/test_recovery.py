"""Recovery code: round trip, typo detection, tolerant input, and messages that leak nothing."""

from __future__ import annotations

import hashlib
import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caseorganizer.vault.errors import RecoveryCodeError, VaultError
from caseorganizer.vault.recovery import (
    ALPHABET,
    CODE_LENGTH,
    decode_recovery_code,
    encode_recovery_code,
)

keys = st.binary(min_size=32, max_size=32)
FIXED_KEYS = [bytes(32), b"\xff" * 32, bytes(range(32)), hashlib.sha256(b"sample").digest()]
TYPO = "This recovery code has a typo"


def _fragments(key: bytes, code: str) -> list[str]:
    """Pieces of the key and code that must never appear in a message."""
    plain = code.replace("-", "")
    return [
        key.hex(),
        key.hex().upper(),
        code,
        plain,
        *(plain[i : i + 8] for i in range(0, CODE_LENGTH, 8)),
    ]


def _assert_clean(message: str, key: bytes, code: str) -> None:
    for fragment in _fragments(key, code):
        assert fragment not in message
        assert fragment.lower() not in message.lower()


def test_error_is_a_vault_error() -> None:
    assert issubclass(RecoveryCodeError, VaultError)


@given(keys)
def test_round_trip(key: bytes) -> None:
    code = encode_recovery_code(key)
    assert decode_recovery_code(code) == key


@given(keys)
def test_shape(key: bytes) -> None:
    code = encode_recovery_code(key)
    groups = code.split("-")
    assert len(groups) == 14
    assert all(len(group) == 4 for group in groups)
    assert set(code.replace("-", "")) <= set(ALPHABET)
    assert len(code.replace("-", "")) == CODE_LENGTH == 56


def test_known_vector() -> None:
    # Pins the format: changing alphabet, checksum prefix or bit order breaks saved codes.
    key = bytes(range(32))
    check = hashlib.sha256(b"caseorganizer-recovery-v1" + key).digest()[:3]
    number = int.from_bytes(key + check, "big")
    expected = "".join(ALPHABET[(number >> (5 * (55 - i))) & 31] for i in range(56))
    code = encode_recovery_code(key)
    assert code.replace("-", "") == expected
    assert code.startswith("000G-40R4-0M30-E209-")


def test_zero_key_encodes_to_zeros_then_checksum() -> None:
    code = encode_recovery_code(bytes(32)).replace("-", "")
    # 32 zero bytes = 256 bits = 51.2 characters of zeros.
    assert code[:51] == "0" * 51


@pytest.mark.parametrize("bad", [b"", bytes(31), bytes(33)])
def test_encode_rejects_wrong_key_length(bad: bytes) -> None:
    with pytest.raises(ValueError):
        encode_recovery_code(bad)


@pytest.mark.parametrize("key", FIXED_KEYS)
def test_every_single_substitution_is_caught(key: bytes) -> None:
    code = encode_recovery_code(key).replace("-", "")
    for position in range(CODE_LENGTH):
        for char in ALPHABET:
            if char == code[position]:
                continue
            typo = code[:position] + char + code[position + 1 :]
            with pytest.raises(RecoveryCodeError, match=TYPO):
                decode_recovery_code(typo)


@given(keys, st.integers(0, CODE_LENGTH - 1), st.sampled_from(ALPHABET))
def test_random_substitution_is_caught(key: bytes, position: int, char: str) -> None:
    code = encode_recovery_code(key).replace("-", "")
    if char == code[position]:
        return
    typo = code[:position] + char + code[position + 1 :]
    with pytest.raises(RecoveryCodeError) as info:
        decode_recovery_code(typo)
    _assert_clean(info.value.message, key, code)


@pytest.mark.parametrize("key", FIXED_KEYS)
def test_adjacent_swaps_are_caught(key: bytes) -> None:
    code = encode_recovery_code(key).replace("-", "")
    for i in range(CODE_LENGTH - 1):
        if code[i] == code[i + 1]:
            continue
        swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
        with pytest.raises(RecoveryCodeError, match=TYPO):
            decode_recovery_code(swapped)


def test_invalid_substitutions_name_the_character() -> None:
    code = encode_recovery_code(FIXED_KEYS[3]).replace("-", "")
    for char in "U!*#_.é":
        typo = code[:10] + char + code[11:]
        with pytest.raises(RecoveryCodeError) as info:
            decode_recovery_code(typo)
        assert info.value.message == (
            f"The recovery code contains a character that cannot be part of it: '{char}'."
        )


def test_unprintable_character_shown_as_code_point() -> None:
    code = encode_recovery_code(FIXED_KEYS[0]).replace("-", "")
    with pytest.raises(RecoveryCodeError, match=r"U\+0000"):
        decode_recovery_code(code[:5] + "\x00" + code[6:])


@given(keys, st.data())
def test_tolerant_forms(key: bytes, data: st.DataObject) -> None:
    code = encode_recovery_code(key)
    plain = code.replace("-", "")
    forms = [
        code.lower(),
        plain,
        plain.lower(),
        " ".join(code.split("-")),
        "\n".join(code.split("-")),
        "  " + code + "\n",
        "-".join(plain[i : i + 7] for i in range(0, CODE_LENGTH, 7)),
        code.replace("0", "O").replace("1", "I"),
        code.replace("0", "o").replace("1", "l"),
        code.replace("1", "L").replace("-", "\u2013"),
        "\r\n\t".join(code.split("-")),
    ]
    mixed = "".join(c.lower() if data.draw(st.booleans()) else c for c in code)
    forms.append(mixed)
    for form in forms:
        assert decode_recovery_code(form) == key


@pytest.mark.parametrize("cut", [1, 4, 20])
def test_too_short(cut: int) -> None:
    code = encode_recovery_code(FIXED_KEYS[2]).replace("-", "")
    with pytest.raises(RecoveryCodeError) as info:
        decode_recovery_code(code[:-cut])
    message = info.value.message
    assert "56" in message
    assert str(CODE_LENGTH - cut) in message
    _assert_clean(message, FIXED_KEYS[2], code)


def test_too_long_and_empty() -> None:
    code = encode_recovery_code(FIXED_KEYS[2])
    with pytest.raises(RecoveryCodeError, match=r"56 characters.*but 57 were entered"):
        decode_recovery_code(code + "0")
    with pytest.raises(RecoveryCodeError, match=r"but 0 were entered"):
        decode_recovery_code(" - \n")
    with pytest.raises(RecoveryCodeError, match=r"but 1 was entered"):
        decode_recovery_code("7")


def test_typo_message_is_exact() -> None:
    code = encode_recovery_code(FIXED_KEYS[1])
    wrong = ("1" if code[0] != "1" else "2") + code[1:]
    with pytest.raises(RecoveryCodeError) as info:
        decode_recovery_code(wrong)
    assert info.value.message == (
        "This recovery code has a typo: its check characters do not match. "
        "Compare it group by group with the one you saved."
    )
    assert str(info.value) == info.value.message


def test_messages_leak_nothing_over_many_errors() -> None:
    rng = random.Random(1234)
    for _ in range(200):
        key = rng.randbytes(32)
        code = encode_recovery_code(key)
        plain = code.replace("-", "")
        position = rng.randrange(CODE_LENGTH)
        broken = [
            plain[:position] + rng.choice("UÜ?+") + plain[position + 1 :],
            plain[: rng.randrange(CODE_LENGTH)],
            plain[:position]
            + ALPHABET[(ALPHABET.index(plain[position]) + 1) % 32]
            + plain[position + 1 :],
        ]
        for text in broken:
            with pytest.raises(RecoveryCodeError) as info:
                decode_recovery_code(text)
            _assert_clean(str(info.value), key, code)
            assert not re.search(r"[0-9A-Z]{6,}", info.value.message)
