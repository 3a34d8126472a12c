"""A generated site whose archive has known holes, recorded into WARCs like a real archive.

The site (sitegen's ``classic`` theme, ``/%postname%/`` permalinks) publishes its posts from
January to August 2016 and nothing in April. Its archive, recorded on 2017-03-01, misses
every post of June (never captured: listings link them, the archive has no capture of them),
answers two July posts with HTTP 500 (only errors), and misses two August posts that its
afterlife, a seizure banner recorded on 2019-06-01 at every URL, captured (only afterlife).
Everything else is captured once. :class:`Holes` says what a correct report must show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.archives.afterlife import BANNER
from tests.archives.server import ERROR_PAGE, HTML, SiteVersion, serve_version
from tests.archives.warcs import record_warc
from tests.sitegen.build import build_model
from tests.sitegen.model import Post, SiteModel
from tests.sitegen.site import Site

ROOT = "https://www.example.org"
MONTHS = [(2016, 1), (2016, 2), (2016, 3), (2016, 5), (2016, 6), (2016, 7), (2016, 8)]
"""The months the site published in: none in April."""
REAL, AFTERLIFE = datetime(2017, 3, 1, tzinfo=UTC), datetime(2019, 6, 1, tzinfo=UTC)


@dataclass
class Holes:
    site: Site
    never: list[Post]
    """Linked posts the archive never captured (all of June's)."""
    errors: list[Post]
    """Linked posts whose only capture is an HTTP 500."""
    afterlife: list[Post]
    """Linked posts whose only capture is the seizure banner."""
    real: SiteVersion = field(init=False)
    banner: SiteVersion = field(init=False)

    @property
    def model(self) -> SiteModel:
        return self.site.model

    @property
    def lost(self) -> list[Post]:
        return [*self.never, *self.errors, *self.afterlife]

    @property
    def got(self) -> list[Post]:
        lost = {p.id for p in self.lost}
        return [p for p in self.model.posts if p.id not in lost]


class FailingVersion(SiteVersion):
    """A site version whose server answers some URLs with a 500 page."""

    failing: set[str]

    def urls(self) -> list[str]:
        return sorted({*super().urls(), *self.failing})

    def answer(self, url: str) -> tuple[int, list[tuple[str, str]], bytes]:
        if url in self.failing:
            return 500, [("Content-Type", HTML)], ERROR_PAGE
        return super().answer(url)


def build_holes(n_posts: int = 48, seed: int = 3) -> Holes:
    model = build_model("classic", ROOT, n_posts, "postname", seed)
    redate(model, MONTHS)
    site = Site(model)
    linked = [p for p in model.posts if p.linked and not p.sticky and p.old is None]
    in_month = {m: [p for p in linked if (p.published.year, p.published.month) == m]
                for m in MONTHS}
    june = [p for p in model.posts if (p.published.year, p.published.month) == (2016, 6)]
    assert all(p.linked for p in june), "an unlinked post in June would be unknown to all"
    holes = Holes(site, never=june, errors=in_month[(2016, 7)][:2],
                  afterlife=in_month[(2016, 8)][-2:])
    holes.real, holes.banner = _versions(holes)
    return holes


def redate(model: SiteModel, months: list[tuple[int, int]]) -> None:
    """Spread the posts, in their order, evenly over *months*, a day apart within each; the
    time of day, the offset and the gap to the modified date stay."""
    per = -(-len(model.posts) // len(months))
    for i, post in enumerate(model.posts):
        year, month = months[i // per]
        moved = post.published.replace(year=year, month=month, day=1 + i % per)
        _shift(post, moved - post.published)
        if post.old is not None:
            _shift(post.old, moved - post.old.published)


def _shift(post: Post, delta: timedelta) -> None:
    post.published += delta
    if post.modified is not None:
        post.modified += delta


def _versions(holes: Holes) -> tuple[SiteVersion, SiteVersion]:
    site = holes.site
    gone = {u for p in holes.lost for u in _urls_of(site, p)}
    pages = {u: b for u, b in site.pages.items() if u not in gone}
    redirects = {u: t for u, t in site.redirects.items() if t not in gone}
    real = FailingVersion(ROOT, pages, redirects, not_found=site.not_found)
    real.failing = {p.url for p in holes.errors}
    kept = sorted({*real.urls(), *(p.url for p in holes.afterlife)})
    banner = SiteVersion(ROOT, dict.fromkeys(kept, BANNER))
    return real, banner


def _urls_of(site: Site, post: Post) -> list[str]:
    """A post's page and its AMP page."""
    return [u for u in site.pages if u == post.url or u == post.url + "amp/"]


def write_warcs(holes: Holes, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for version, when, name in ((holes.real, REAL, "site-2017.warc.gz"),
                                (holes.banner, AFTERLIFE, "afterlife-2019.warc.gz")):
        with serve_version(version) as url:
            record_warc(version, url, folder / name, when)
        paths.append(folder / name)
    return paths
