"""Tickets and histories read by slate's own JSON reader: the exact rules
and error positions the C library and `slate` command use."""
import ctypes
from typing import Any, Dict, List, Optional, Tuple, Union

from . import _native
from ._time import Results
from .errors import from_status


def _text(text):
    if isinstance(text, str):
        return text.encode("utf-8", "surrogatepass")
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text)
    raise TypeError(f"JSON text must be str or bytes, not {type(text).__name__}")


def parse_ticket(text: Union[str, bytes]) -> Dict[str, str]:
    """A ticket's fields from one JSON object: a dict of dotted names
    (nested objects flattened, ``customer.tier``) to text values (numbers as
    written, ``true``/``false``; nulls left out). Raises ``ParseError`` with
    the JSON Pointer, line and column of a bad value."""
    data = _text(text)
    out = ctypes.c_void_p()
    err = _native.ErrorRecord()
    st = _native.lib.slate_ticket_from_json(data, len(data), ctypes.byref(out), ctypes.byref(err))
    if st:
        raise from_status(st, err)
    try:
        count = ctypes.c_size_t()
        fields = _native.lib.slate_ticket_fields(out, ctypes.byref(count))
        return {fields[i].name.decode(): fields[i].value.decode() for i in range(count.value)}
    finally:
        _native.lib.slate_ticket_free(out)


def parse_history(text: Union[str, bytes], *,
                  epoch: bool = False) -> Tuple[Optional[str], List[Dict[str, Any]]]:
    """A ticket history from one JSON object ``{"id": ..., "events": [...]}``:
    returns ``(id or None, events)``, each event a dict with ``at`` (a UTC
    datetime, or epoch seconds with ``epoch=True``), ``kind`` (or None) and
    ``fields`` (as ``parse_ticket`` gives). The result can be fed to
    ``Policy.evaluate`` or a ``Clock``."""
    results = Results(epoch)
    data = _text(text)
    out = ctypes.c_void_p()
    err = _native.ErrorRecord()
    st = _native.lib.slate_history_from_json(data, len(data), ctypes.byref(out), ctypes.byref(err))
    if st:
        raise from_status(st, err)
    try:
        ticket_id = _native.lib.slate_history_id(out)
        count = ctypes.c_size_t()
        events = _native.lib.slate_history_events(out, ctypes.byref(count))
        result = []
        for i in range(count.value):
            e = events[i]
            fields = {e.fields[k].name.decode(): e.fields[k].value.decode() for k in range(e.field_count)}
            result.append({"at": results.instant(e.at), "kind": None if e.kind is None else e.kind.decode(), "fields": fields})
        return (None if ticket_id is None else ticket_id.decode()), result
    finally:
        _native.lib.slate_history_free(out)
