"""Raw bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030 (a superset of GBK)."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field


class RejectedFile(Exception):
    """A file that cannot become a document; `stage` and the message say why."""

    def __init__(self, stage: str, reason: str):
        super().__init__(reason)
        self.stage = stage
        self.reason = reason


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


MAX_BYTES = 20 * 1024 * 1024  # a newspaper page is ~25 KB; anything this large is not a page
# a truncated UTF-8 tail is at most 3 bytes; more undecodable bytes than this means another encoding
_UTF8_TAIL = 3
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below 32, except \t \n \f \r


def decode_bytes(data: bytes) -> DecodedText:
    if len(data) > MAX_BYTES:
        raise RejectedFile("decode", f"file is {len(data):,} bytes, over the {MAX_BYTES:,}-byte page limit")
    if data.startswith(codecs.BOM_UTF8):
        return _checked(_utf8(data[3:]), "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(DecodedText(data.decode("utf-16"), "utf-16"), "utf-16")
        except UnicodeDecodeError as err:
            raise RejectedFile("decode", f"UTF-16 BOM but undecodable bytes at {err.start}") from err
    try:
        return _checked(_utf8(data), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return _checked(DecodedText(data.decode("gb18030"), "gb18030"), "gb18030")
    except UnicodeDecodeError as err:
        raise RejectedFile("decode", f"not UTF-8, UTF-16 or GB18030 (undecodable byte at offset {err.start})") from err


def _utf8(data: bytes) -> DecodedText:
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        # a page cut off mid-character: keep what is there, record the loss
        if err.start >= len(data) - _UTF8_TAIL and err.reason == "unexpected end of data":
            text = data[: err.start].decode("utf-8")
            return DecodedText(text, "utf-8", [f"truncated UTF-8 sequence at byte {err.start} dropped"])
        raise


def _checked(decoded: DecodedText, encoding: str) -> DecodedText:
    text = decoded.text
    if "\x00" in text:
        raise RejectedFile("decode", f"NUL character at offset {text.index(chr(0))}: binary, not text ({encoding})")
    if not text.strip():
        raise RejectedFile("decode", "empty or whitespace-only file")
    controls = len(_CONTROL.findall(text, 0, 4096))
    if controls > 8:
        raise RejectedFile("decode", f"{controls} control characters in the first 4 KB: binary, not text ({encoding})")
    return decoded
