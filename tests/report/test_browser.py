"""The report in a real browser (headless Chromium, Debian's ``chromium``; ``.ci/run`` installs
it): it renders without errors or any request to the network, every chart is there, visible
and drawn, and what Chromium paints is not blank."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from matplotlib.image import imread

from tests.report.browser import chromium, chromium_path

pytestmark = pytest.mark.skipif(chromium_path() is None,
                                reason="chromium is not installed (apt-get install -y chromium)")

CHARTS = ("months", "captures", "completeness", "missing", "fields", "authors", "categories",
          "tags", "words")
_CHARTS_JS = """JSON.stringify([...document.querySelectorAll('figure.chart')].map(f => {
  const svg = f.querySelector('svg'), box = svg ? svg.getBoundingClientRect() : null,
        style = svg ? getComputedStyle(svg) : null;
  return {id: f.id, width: box && box.width, height: box && box.height,
          x: box && box.left + scrollX, y: box && box.top + scrollY,
          shown: !!style && style.display !== 'none' && style.visibility === 'visible'
                 && style.opacity !== '0' && f.offsetParent !== null,
          marks: svg ? svg.querySelectorAll('path, rect, line, polyline').length : 0,
          texts: svg ? svg.querySelectorAll('text').length : 0};
}))"""


def inked(png: bytes) -> float:
    """The share of pixels that are not (near) white."""
    pixels = imread(io.BytesIO(png))[..., :3]
    return float(np.mean(pixels.min(axis=2) < 0.94))


@pytest.fixture(scope="module")
def page(holes_report: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    with chromium(tmp_path_factory.mktemp("chromium-profile")) as browser:
        browser.open(holes_report / "report.html")
        yield browser


def test_renders_without_errors_or_network(page: Any) -> None:
    assert page.problems == []
    assert page.evaluate("document.title").startswith("Coverage report")
    assert page.evaluate("document.querySelectorAll('script, link, img, iframe').length") == 0


def test_every_chart_is_there_visible_and_drawn(page: Any) -> None:
    charts = {c["id"]: c for c in json.loads(page.evaluate(_CHARTS_JS))}
    assert set(charts) == {f"chart-{name}" for name in CHARTS}
    for chart in charts.values():
        assert chart["shown"], chart
        assert chart["width"] > 600 and chart["height"] > 100, chart
        assert chart["marks"] > 10 and chart["texts"] > 3, chart
        clip = {k: chart[k] for k in ("x", "y", "width", "height")}
        assert inked(page.screenshot(clip)) > 0.02, chart["id"]


def test_the_page_is_not_blank(page: Any) -> None:
    png = page.screenshot()
    pixels = imread(io.BytesIO(png))
    assert pixels.shape[0] > 2000 and pixels.shape[1] >= 1000
    assert 0.05 < inked(png) < 0.9
    colors = {tuple(p) for p in (pixels[::7, ::7, :3] * 255).astype(int).reshape(-1, 3)}
    assert len(colors) > 50  # charts in colour, not one flat fill
