"""The lifetime of a native object the Python side owns.

Each native call runs inside ``_use()``, which counts the calls in flight;
``close()`` refuses new calls at once, waits for those in flight, and frees
the native object. A native object that others point into (a TzDb under a
Policy, a Policy under a Clock) is freed only once those are freed too:
closing it closes it to Python, and the memory stays until the last child
goes. So no call ever reaches freed memory, whatever the order of close()
calls and threads; a call on a closed object raises InvalidArgument."""
import contextlib
import threading

from .errors import InvalidArgument


class NativeOwner:
    """Owns one native handle: closed by ``close()``, at the end of a
    ``with`` block, or when garbage-collected, whichever comes first.
    Subclasses set ``_free`` (the C destructor) and ``_kind`` (for
    messages) and may override ``_before_free()`` (free what belongs to the
    handle) and ``_forget()`` (drop caches of child objects)."""

    _free = None
    _kind = "object"

    def __init__(self, handle, parents=()):
        """Owns handle, which points into the parents' native objects (each
        must be open: else InvalidArgument, and handle is not owned)."""
        self._ptr = None
        self._state = threading.Condition()
        self._calls = 0  # native calls in flight
        self._children = 0  # native objects pointing into this one
        self._closed = False
        self._freeing = False
        self._parents = []
        try:
            for parent in parents:
                self._adopt(parent)
        except BaseException:
            self._release()
            raise
        self._ptr = handle

    def _adopt(self, parent):
        """Keeps parent's native object alive until this one is freed."""
        with parent._state:
            if parent._closed:
                raise InvalidArgument(f"the {parent._kind} is closed")
            parent._children += 1
        self._parents.append(parent)

    @contextlib.contextmanager
    def _use(self):
        """The native handle, for the calls made inside the block."""
        with self._state:
            if self._closed or self._ptr is None:
                raise InvalidArgument(f"the {self._kind} is closed")
            self._calls += 1
        try:
            yield self._ptr
        finally:
            with self._state:
                self._calls -= 1
                if self._calls == 0:
                    self._state.notify_all()

    def _call(self, fn, *args):
        """fn(handle, *args) as one native call."""
        with self._use() as handle:
            return fn(handle, *args)

    def _before_free(self):
        pass

    def _forget(self):
        pass

    def close(self) -> None:
        """Closes the object: later calls raise, calls in flight on other
        threads finish first, and the native object is freed once nothing
        points into it any more. Idempotent."""
        with self._state:
            if self._closed:
                return
            self._closed = True
            while self._calls:
                self._state.wait()
            free_now = self._may_free()
        if free_now:
            self._release()

    def _may_free(self):
        """Whether to free the native object now: closed, no call in flight,
        nothing pointing into it, and not freed yet. Called holding _state."""
        if not self._closed or self._calls or self._children or self._freeing:
            return False
        self._freeing = True
        return True

    def _release(self):
        ptr, self._ptr = self._ptr, None
        if ptr is not None:
            self._before_free()
            type(self)._free(ptr)
            self._forget()
        parents, self._parents = self._parents, []
        for parent in parents:
            parent._child_freed()

    def _child_freed(self):
        with self._state:
            self._children -= 1
            free_now = self._may_free()
        if free_now:
            self._release()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may be gone
            pass
