"""The lifetime of a native object the Python side owns."""
from .errors import InvalidArgument


class NativeOwner:
    """Owns one native handle: freed by ``close()``, at the end of a ``with``
    block, or when garbage-collected, whichever comes first. Subclasses set
    ``_free`` (the C destructor) and ``_kind`` (for messages) and may
    override ``_forget()`` to drop caches of child objects."""

    _free = None
    _kind = "object"

    def __init__(self, handle):
        self._ptr = handle

    def _handle(self):
        if self._ptr is None:
            raise InvalidArgument(f"the {self._kind} is closed")
        return self._ptr

    def _forget(self):
        pass

    def close(self):
        """Frees the native object and everything that belongs to it. Idempotent."""
        if self._ptr is not None:
            type(self)._free(self._ptr)
            self._ptr = None
            self._forget()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may be gone
            pass
