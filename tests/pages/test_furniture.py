"""The site's furniture: blocks repeated in the bodies of many pages of one crawl, learned with
bounded memory and cut from bodies once the evidence is strong."""

from __future__ import annotations

from pathlib import Path

import pytest
from parsel import Selector

from crawler.pages import PostPage, SiteProfile
from crawler.pages.furniture import Furniture, digest
from tests.pages.article_benchmark import bench, needs_corpus
from tests.pages.minimal import page

DEEPDOTWEB = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "deepdotweb"
DEEPDOTWEB /= "full"
BOX = "<p>Subscribe to our newsletter for the weekly digest of news.</p>"


def _post(n: int, body: str, profile: SiteProfile | None) -> PostPage:
    found = page(f'<article id="post-{n}" class="post-{n} post"><div class="entry-content">'
                 f"<p>Post {n} has its own words, and plenty of them.</p>{body}</div></article>",
                 body_class=f"single postid-{n}")
    found.profile = profile
    return found


def test_a_block_on_enough_distinct_pages_is_cut_from_each():
    profile = SiteProfile(furniture=Furniture(min_pages=3))
    texts = [_post(n, BOX, profile).fields()["content_text"] for n in (1, 2, 3, 4)]
    assert [BOX[3:-4] in text for text in texts] == [True, True, False, False]
    assert all(f"Post {n} has its own words" in t for n, t in zip((1, 2, 3, 4), texts, strict=True))


def test_text_only_some_posts_share_is_no_furniture():
    furniture = Furniture(min_pages=3, min_share=0.25)
    for n in range(20):
        furniture.observe(f"page {n}", [digest("everywhere")] + [digest("caption")] * (n < 4))
    assert furniture.is_furniture(digest("everywhere"))
    assert not furniture.is_furniture(digest("caption"))  # 4 pages of 20


def test_the_same_page_parsed_again_is_no_new_evidence():
    profile = SiteProfile(furniture=Furniture(min_pages=2))
    for _ in range(3):
        assert BOX[3:-4] in _post(1, BOX, profile).fields()["content_text"]


def test_short_blocks_are_structure_not_furniture():
    profile = SiteProfile(furniture=Furniture(min_pages=2))
    texts = [_post(n, "<h2>Conclusion</h2><p>Read on.</p>", profile).fields()["content_text"]
             for n in (1, 2, 3)]
    assert all("Conclusion" in text and "Read on." in text for text in texts)


def test_a_templates_headings_and_per_post_sources_are_the_posts_text():
    """Seen in a real WordPress archive (tests/data/wordpress-archive): most posts have a "What
    we know" section and end with "Source: the original", each linking its own source. Cutting
    them made the body depend on how many posts the crawl had read before."""
    profile = SiteProfile(furniture=Furniture(min_pages=2))
    texts = [_post(n, "<h2>What we know</h2><p>Source: <a href='https://news.example/item/"
                      f"{n}'>the original</a></p>", profile).fields()["content_text"]
             for n in (1, 2, 3, 4)]
    assert all("What we know" in text and "Source: the original" in text for text in texts)
    profile = SiteProfile(furniture=Furniture(min_pages=2))
    calls = [_post(n, "<h2><a href='http://eepurl.com/x'>Click here to subscribe</a></h2>"
                      "<p>Source: <a href='https://news.example/item/1'>the original</a></p>",
                   profile).fields()["content_text"] for n in (5, 6, 7)]
    assert ["Click here to subscribe" in text for text in calls] == [True, False, False]
    assert ["Source: the original" in text for text in calls] == [True, False, False]


def test_without_a_profile_nothing_is_learned_or_cut():
    texts = [_post(n, BOX, None).fields()["content_text"] for n in (1, 2, 3, 4, 5, 6)]
    assert all(BOX[3:-4] in text for text in texts)


def test_memory_is_bounded_and_frequent_blocks_survive_pruning():
    furniture = Furniture(min_pages=2, max_blocks=100)
    for n in range(1000):
        furniture.observe(f"page {n}", [digest(f"unique {n}"), digest("menu")])
    assert len(furniture) <= 100
    assert furniture.is_furniture(digest("menu"))
    assert not furniture.is_furniture(digest("unique 999"))


@needs_corpus
@pytest.mark.parametrize(
    ("first", "second", "boilerplate"),
    [
        # morebikes.co.uk: a magazine offer pasted into every review's body.
        ("30b771a40a4e", "612cd2982662", "Get Motor Cycle Monthly delivered"),
        # theparadigmng.com: a newsletter call in every article's body.
        ("0dd135704572", "e7301133baab", "Click here to subscribe to The Paradigm Newsletter"),
    ],
)
def test_real_boilerplate_repeated_on_two_pages_of_a_site(first, second, boilerplate):
    pages, gold, _ = bench.load(wordpress_only=True)
    keys = [next(k for k in pages if k.startswith(p)) for p in (first, second)]
    profile = SiteProfile(furniture=Furniture(min_pages=2))
    texts = [PostPage(Selector(text=pages[k][0]), pages[k][1], profile=profile)
             .fields()["content_text"] for k in keys]
    alone = PostPage(Selector(text=pages[keys[1]][0]), pages[keys[1]][1]).fields()["content_text"]
    assert boilerplate in texts[0] and boilerplate in alone  # the first page had no evidence yet
    assert boilerplate not in texts[1]
    assert (bench.page_f1(bench.match(gold[keys[1]], texts[1]))
            > bench.page_f1(bench.match(gold[keys[1]], alone)))


@pytest.mark.skipif(not DEEPDOTWEB.is_dir(), reason=f"deepdotweb corpus not found at {DEEPDOTWEB}")
def test_real_posts_of_one_site_keep_their_whole_body_with_a_shared_profile():
    profile = SiteProfile(furniture=Furniture(min_pages=2))
    for path in sorted(DEEPDOTWEB.glob("*.html")):
        html = path.read_text(encoding="utf-8")
        shared = PostPage(Selector(text=html), "https://www.deepdotweb.com/", profile=profile)
        alone = PostPage(Selector(text=html), "https://www.deepdotweb.com/")
        assert shared.fields()["content_text"] == alone.fields()["content_text"]
    assert len(profile.furniture) > 30  # the bodies were counted (36 blocks of 3+ words)
