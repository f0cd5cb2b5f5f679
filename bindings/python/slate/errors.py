"""The exceptions raised by slate: one class per ``slate_status`` code."""


class Error(Exception):
    """A slate call failed.

    Attributes: ``code`` (the C status number), ``message``, ``file``,
    ``line``, ``column`` and ``pointer`` (an RFC 6901 JSON Pointer, or "").
    """

    code = -1

    def __init__(self, message, *, file="", line=0, column=0, pointer=""):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.pointer = pointer


class InvalidArgument(Error, ValueError):
    """SLATE_EINVAL: an argument is invalid."""
    code = 1


class OutOfMemory(Error, MemoryError):
    """SLATE_ENOMEM."""
    code = 2


class NotFound(Error, LookupError):
    """SLATE_ENOENT: no such zone, file or calendar."""
    code = 3


class ParseError(Error, ValueError):
    """SLATE_EPARSE: malformed text or file."""
    code = 4


class OutOfRange(Error, ValueError):
    """SLATE_ERANGE: outside the years 1800 to 2400."""
    code = 5


class AmbiguousTime(Error, ValueError):
    """SLATE_EAMBIGUOUS: the local time occurs twice."""
    code = 6


class NonexistentTime(Error, ValueError):
    """SLATE_ENONEXISTENT: the local time is skipped."""
    code = 7


class Never(Error):
    """SLATE_ENEVER: it never happens within the supported range."""
    code = 8


class IOFailure(Error, OSError):
    """SLATE_EIO: a file could not be read."""
    code = 9


class LimitExceeded(Error):
    """SLATE_ELIMIT: a documented limit was exceeded."""
    code = 10


class Misuse(Error, TypeError):
    """SLATE_EMISUSE: the C API was called wrongly (a NULL where an object is needed).

    Always a bug in the calling code (here, in the binding), never bad input."""
    code = 11


#: Every exception class by its C status name, in the order of the C list
#: (SLATE_STATUS_MAP in common.h); a test keeps the two equal.
BY_NAME = {
    "SLATE_EINVAL": InvalidArgument, "SLATE_ENOMEM": OutOfMemory, "SLATE_ENOENT": NotFound,
    "SLATE_EPARSE": ParseError, "SLATE_ERANGE": OutOfRange, "SLATE_EAMBIGUOUS": AmbiguousTime,
    "SLATE_ENONEXISTENT": NonexistentTime, "SLATE_ENEVER": Never, "SLATE_EIO": IOFailure,
    "SLATE_ELIMIT": LimitExceeded, "SLATE_EMISUSE": Misuse,
}

_BY_CODE = {cls.code: cls for cls in BY_NAME.values()}


def from_status(status, record=None, default_message=None):
    """Builds the exception for a status and an optional ``ErrorRecord``."""
    cls = _BY_CODE.get(status, Error)
    if record is not None and record.message:
        return cls(record.message.decode("utf-8", "replace"),
                   file=record.file.decode("utf-8", "replace"), line=record.line,
                   column=record.column, pointer=record.pointer.decode("utf-8", "replace"))
    return cls(default_message or f"slate status {status}")
