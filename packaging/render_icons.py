"""Render the application icon's PNG sizes from resources/icons/etcdesk.svg with Qt.

The PNGs are committed (resources/icons/app/etcdesk-<size>.png, a few KB each), so neither the
wheel nor the bundle build needs to render them; run this again after changing the SVG:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py

``--check`` renders into memory and exits 1 if a committed PNG is missing or looks different,
which is how `make package-check` notices an SVG edited without re-rendering. "Looks different"
tolerates the small antialiasing changes between Qt versions, so a PySide6 upgrade alone does not
fail the check.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "etcdesk.svg"
OUT_DIR = ROOT / "resources" / "icons" / "app"
# The hicolor sizes desktops look up; 512 also serves AppStream and the macOS .icns.
SIZES = (16, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    return OUT_DIR / f"etcdesk-{size}.png"


def render(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {SVG} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def looks_different(committed: bytes, rendered: bytes) -> bool:
    """True when more than 1% of the pixels differ by more than 24/255 in some channel."""
    from PySide6.QtGui import QImage

    images = [
        QImage.fromData(data).convertToFormat(QImage.Format.Format_ARGB32)
        for data in (committed, rendered)
    ]
    if images[0].isNull() or images[0].size() != images[1].size():
        return True
    a, b = (bytes(image.constBits()) for image in images)
    far = [abs(x - y) > 24 for x, y in zip(a, b, strict=True)]
    changed = sum(any(far[i : i + 4]) for i in range(0, len(far), 4))
    return changed > len(far) // 4 // 100


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="compare with the committed PNGs, write nothing"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    stale = []
    for size in SIZES:
        png = render(size)
        path = png_path(size)
        if args.check:
            if not path.is_file() or looks_different(path.read_bytes(), png):
                stale.append(path.relative_to(ROOT))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(png)
            print(f"{path.relative_to(ROOT)}: {len(png)} bytes")
    if stale:
        print(
            "render_icons: out of date, run packaging/render_icons.py: "
            + ", ".join(map(str, stale)),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
