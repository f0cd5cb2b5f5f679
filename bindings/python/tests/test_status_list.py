"""The status codes have one list: SLATE_STATUS_MAP in common.h. The C
library's names, the Python exceptions and the errors guide must agree
with it, value by value."""
import pathlib
import re
import unittest

import slate
from slate import _native, errors

GUIDE = pathlib.Path(__file__).resolve().parents[3] / "docs" / "guides" / "errors.md"


def c_list():
    """(name, value) for every status the library names, in order."""
    out = []
    for value in range(64):
        name = _native.lib.slate_status_name(value)
        if name is not None:
            out.append((name.decode(), value))
    return out


class StatusListTest(unittest.TestCase):
    def test_c_list_is_dense_and_starts_with_ok(self):
        codes = c_list()
        self.assertEqual(codes[0], ("SLATE_OK", 0))
        self.assertEqual([v for _, v in codes], list(range(len(codes))))
        self.assertIn(("SLATE_EMISUSE", 11), codes)

    def test_python_exceptions_match(self):
        codes = dict(c_list()[1:])
        self.assertEqual(list(errors.BY_NAME), list(codes))
        for name, cls in errors.BY_NAME.items():
            self.assertEqual(cls.code, codes[name], name)
            self.assertTrue(issubclass(cls, slate.Error))
            self.assertIn(name, cls.__doc__)

    def test_errors_guide_matches(self):
        rows = re.findall(r"^\| `(SLATE_\w+)` \| (\d+) \|", GUIDE.read_text(), re.M)
        self.assertEqual([(n, int(v)) for n, v in rows], c_list())

    def test_texts(self):
        self.assertEqual(_native.lib.slate_status_string(11).decode(), "API misuse")
        self.assertEqual(_native.lib.slate_status_string(99).decode(), "unknown status")


if __name__ == "__main__":
    unittest.main()
