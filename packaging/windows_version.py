"""Windows version resource for both executables, built from the package version.

build.spec passes `version_resource(...)` to PyInstaller, so Explorer's "Details" tab and
installers read the same version as `the5hc --version` without a second file to keep in step.
Ignored by PyInstaller on other systems.
"""

from __future__ import annotations

import re

COMPANY = "The5HC"
PRODUCT = "The5HC Desktop"
COPYRIGHT = "© The5HC"


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' -> (0, 1, 0, 0); pre-release tails such as '0.2.0rc1' are dropped."""
    numbers = [int(part) for part in re.findall(r"\d+", version.split("+")[0])[:3]]
    numbers += [0] * (4 - len(numbers))
    return (numbers[0], numbers[1], numbers[2], numbers[3])


def version_resource(version: str, exe_name: str, description: str):
    """A PyInstaller `VSVersionInfo` (imported here: only the build has PyInstaller)."""
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = version_tuple(version)
    strings = [
        StringStruct("CompanyName", COMPANY),
        StringStruct("FileDescription", description),
        StringStruct("FileVersion", version),
        StringStruct("InternalName", exe_name),
        StringStruct("LegalCopyright", COPYRIGHT),
        StringStruct("OriginalFilename", f"{exe_name}.exe"),
        StringStruct("ProductName", PRODUCT),
        StringStruct("ProductVersion", version),
    ]
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers, mask=0x3F, flags=0x0,
                          OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
        kids=[
            StringFileInfo([StringTable("041204B0", strings)]),  # Korean, Unicode
            VarFileInfo([VarStruct("Translation", [0x0412, 1200])]),
        ],
    )
