"""Screenshots of pages at phone and wide sizes, in Debian's Chromium: `python scripts/screenshots.py URL...`."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

SIZES = {"phone": (390, 844), "wide": (1366, 900)}


def main(urls: list[str], out: Path = Path("screenshots")) -> None:
    out.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        for url in urls:
            name = re.sub(r"[^a-z0-9]+", "-", url.split("//", 1)[-1].lower()).strip("-")
            for size, (width, height) in SIZES.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(url)
                path = out / f"{name}-{size}.png"
                page.screenshot(path=str(path), full_page=True)
                print(path)
                page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
