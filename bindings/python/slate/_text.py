"""Converting the texts the Python API passes to C as NUL-terminated UTF-8."""
import os

from .errors import InvalidArgument


def c_string(value, what):
    """value as UTF-8 bytes for a C string. A NUL would end the C string
    early ("x\\0junk" would name "x") and a lone surrogate cannot be
    encoded: both are InvalidArgument naming what; another type is a
    TypeError."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    if "\0" in value:
        raise InvalidArgument(f"{what} {value!r} contains a NUL character")
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InvalidArgument(f"{what} {value!r} is not valid Unicode: {e.reason}") from None


def c_string_or_none(value, what):
    """None as NULL, else c_string(value, what)."""
    return None if value is None else c_string(value, what)


def c_path(value, what):
    """A path (str, bytes or os.PathLike) as the file system's bytes; a NUL
    is InvalidArgument."""
    try:
        data = os.fsencode(value)
    except TypeError:
        raise TypeError(f"{what} must be a path (str, bytes or os.PathLike), not {type(value).__name__}") from None
    if b"\0" in data:
        raise InvalidArgument(f"{what} {value!r} contains a NUL character")
    return data
