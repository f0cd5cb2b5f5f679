"""The package's own PEP 517 build backend: standard library only.

slate's Python package is pure Python, so building it is putting its files in
a zip with the metadata of pyproject.toml. Doing that here, instead of
through setuptools, means ``pip install bindings/python`` needs nothing from
the network and no setuptools or wheel (on Debian 12 the packaged setuptools
cannot build a wheel without python3-wheel, and pip's isolated build would
fetch both from PyPI). pip finds this module through ``backend-path``.
"""
import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "slate"


def _project():
    """The [project] table of pyproject.toml: tomllib where Python has it,
    else the plain ``key = "value"`` and string-list lines it holds."""
    path = os.path.join(ROOT, "pyproject.toml")
    try:
        import tomllib
        with open(path, "rb") as f:
            return tomllib.load(f)["project"]
    except ImportError:
        pass
    project, section, key = {}, None, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("["):
                section = line
                continue
            if section != "[project]" or not line:
                continue
            m = re.fullmatch(r'([\w-]+)\s*=\s*"(.*)"', line)
            if m:
                project[m.group(1)] = m.group(2)
                continue
            m = re.fullmatch(r'([\w-]+)\s*=\s*\[(.*)', line)
            if m:
                key, project[m.group(1)] = m.group(1), []
                line = m.group(2)
            if key:
                project[key] += re.findall(r'"([^"]*)"', line)
                if line.endswith("]"):
                    key = None
    return project


def _metadata():
    p = _project()
    lines = ["Metadata-Version: 2.1", f"Name: {p['name']}", f"Version: {p['version']}",
             f"Summary: {p['description']}", f"Requires-Python: {p['requires-python']}"]
    lines += [f"Classifier: {c}" for c in p.get("classifiers", [])]
    with open(os.path.join(ROOT, p.get("readme", "README.md")), encoding="utf-8") as f:
        readme = f.read()
    return "\n".join(lines + ["Description-Content-Type: text/markdown", "", readme])


def _names():
    p = _project()
    return re.sub(r"[-_.]+", "_", p["name"]).lower(), p["version"]


def _package_files():
    """(path in the wheel, bytes) for each file of the package."""
    base = os.path.join(ROOT, PACKAGE)
    for name in sorted(os.listdir(base)):
        if name.endswith(".py") or name == "py.typed":
            with open(os.path.join(base, name), "rb") as f:
                yield f"{PACKAGE}/{name}", f.read()


def _wheel(directory, files):
    """Writes a py3-none-any wheel of files plus its .dist-info; returns its name."""
    name, version = _names()
    info = f"{name}-{version}.dist-info"
    files = list(files) + [
        (f"{info}/METADATA", _metadata().encode()),
        (f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: slate_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n"),
    ]
    record = []
    filename = f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(directory, filename), "w", zipfile.ZIP_DEFLATED) as whl:
        for path, data in files:
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{path},sha256={digest},{len(data)}")
            whl.writestr(path, data)
        record.append(f"{info}/RECORD,,")
        whl.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return filename


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _wheel(wheel_directory, _package_files())


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    """A wheel holding a .pth line that puts this source tree on sys.path."""
    name, _ = _names()
    return _wheel(wheel_directory, [(f"{name}.pth", (ROOT + "\n").encode())])


def build_sdist(sdist_directory, config_settings=None):
    name, version = _names()
    base = f"{name}-{version}"
    filename = f"{base}.tar.gz"
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for rel in ["pyproject.toml", "README.md", "backend/slate_build.py"] + [p for p, _ in _package_files()]:
            tar.add(os.path.join(ROOT, rel), arcname=f"{base}/{rel}")
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        data = _metadata().encode()
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return filename
