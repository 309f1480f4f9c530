"""The test tree stays collectable in one process.

Test folders are not packages and pytest imports them in its default "prepend" mode: every
module is imported by its bare file name, with its folder put first on sys.path. Two test
modules with the same name break collection ("import file mismatch"), and two helper
modules with the same name make a test silently import the other folder's helpers.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parent
_PACKAGE_FILES = {"conftest.py", "__init__.py"}


def _modules() -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(TESTS.rglob("*.py")):
        if path.name not in _PACKAGE_FILES and "__pycache__" not in path.parts:
            found[path.stem].append(path.relative_to(TESTS))
    return found


def test_module_names_are_unique_across_the_tests_tree() -> None:
    clashes = {name: paths for name, paths in _modules().items() if len(paths) > 1}
    assert clashes == {}, "rename to unique, descriptive names"


def test_no_module_shadows_the_standard_library() -> None:
    shadowing = sorted(set(_modules()) & set(sys.stdlib_module_names))
    assert shadowing == []
