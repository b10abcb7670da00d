"""Decoding: every supported encoding loads; what cannot be text is rejected with a reason."""
from __future__ import annotations

import codecs

import pytest

from transforms.decode import RejectedFile, decode_bytes

SENTENCE = "前三季度，全市地区生产总值（GDP）达14720.98亿元，同比增长5.1%。"


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("gbk", b""), ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_supported_encodings_give_the_same_text(encoding, prefix):
    decoded = decode_bytes(prefix + SENTENCE.encode(encoding))
    assert decoded.text == SENTENCE
    assert not decoded.warnings


def test_utf8_cut_mid_character_loads_with_a_warning():
    data = SENTENCE.encode("utf-8")
    cut = data[: data.index("亿".encode()) + 1]  # one byte of a three-byte character
    decoded = decode_bytes(cut)
    assert decoded.text == SENTENCE[: SENTENCE.index("亿")]
    assert decoded.warnings and "truncated" in decoded.warnings[0]


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"), (b" \n\t\r\n", "empty"), ("长江日报\x00武汉".encode(), "NUL"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "not UTF-8"),
    (b"\xff\xfe\x00\xd8", "UTF-16")])
def test_non_text_is_rejected_with_a_reason(data, reason):
    with pytest.raises(RejectedFile) as err:
        decode_bytes(data)
    assert reason in err.value.reason
    assert err.value.stage == "decode"


@pytest.mark.parametrize("controls,rejected", [
    ("\x01" * 8, False),                        # a few stray controls in a page are tolerated
    ("\x01\x02\x03\x04\x05\x06\x07\x08\x0b", True),
    ("\x0e\x1f" * 5, True),
    ("\t\n\r\f" * 20, False),                   # layout characters are not controls
    ("\x1b" * 4 + "\x0c" * 30, False),          # form feeds between pages are layout too
])
def test_control_characters_in_the_first_4kb(controls, rejected):
    text = SENTENCE + controls + SENTENCE
    if rejected:
        with pytest.raises(RejectedFile, match="control characters in the first 4 KB"):
            decode_bytes(text.encode())
    else:
        assert decode_bytes(text.encode()).text == text


def test_control_characters_after_the_first_4kb_are_not_counted():
    text = SENTENCE * (4096 // len(SENTENCE) + 1) + "\x01" * 20
    assert decode_bytes(text.encode()).text == text
