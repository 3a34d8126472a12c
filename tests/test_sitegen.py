"""Sanity of the fixture-site generator: its pages, ground truth, server and mirrors agree."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections import Counter
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from lxml import html as lxml_html

from tests.sitegen import build_site, serve_site
from tests.sitegen.mirror import relative_path

THEMES = ("classic", "block", "sahifa")
PERMALINKS = ("date", "postname", "archives", "plain")
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
BODY = {"classic": "div.entry-content", "block": "div.wp-block-post-content", "sahifa": "div.entry"}
BODY_NOISE = ".sharedaddy, .jp-relatedposts"
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption"}


@pytest.fixture(scope="module", params=THEMES)
def site(request):
    return build_site(theme=request.param, n_posts=40, seed=3)


def same_site_key(url: str) -> str:
    """Scheme- and www-blind URL without fragment, for "does this page link there" checks."""
    parts = urlsplit(urldefrag(url)[0])
    query = f"?{parts.query}" if parts.query else ""
    return parts.netloc.removeprefix("www.") + parts.path + query


def hrefs(page: bytes, base: str) -> set[str]:
    tree = lxml_html.fromstring(page)
    return {urljoin(base, h) for h in tree.xpath("//a/@href | //link/@href")}


def contract_paragraphs(el, out: list[str]) -> None:
    """content_text contract, leaf blocks only (enough for the generator's simple bodies)."""
    for child in el:
        if not isinstance(child.tag, str):
            continue
        if child.tag in BLOCKS and not any(d.tag in BLOCKS for d in child.iterdescendants()):
            for br in child.iter("br"):
                br.tail = "\ue000" + (br.tail or "")
            lines = child.text_content().split("\ue000")
            text = "\n".join(" ".join(line.split()) for line in lines)
            if text.strip():
                out.append(text.strip())
        else:
            contract_paragraphs(child, out)


def test_every_post_is_a_page_with_its_id(site):
    assert len(site.posts) == 40
    for post in site.posts:
        assert site.kinds[post["url"]] == "post"
        assert f"postid-{post['post_id']}".encode() in site.pages[post["url"]]


def test_truth_matches_the_rendered_body(site):
    for post in site.posts:
        tree = lxml_html.fromstring(site.pages[post["url"]])
        (body,) = tree.cssselect(BODY[site.theme])
        for noise in body.cssselect(BODY_NOISE):
            noise.drop_tree()
        found: list[str] = []
        contract_paragraphs(body, found)
        assert "\n\n".join(found) == post["content_text"]
        assert post["word_count"] == len(post["content_text"].split())
        images = [i.get("data-src") or urljoin(post["url"], i.get("src")) for i in body.iter("img")]
        assert list(dict.fromkeys(images)) == post["images"]
        links = [urldefrag(urljoin(post["url"], a.get("href")))[0] for a in body.iter("a")]
        assert list(dict.fromkeys(links)) == post["links"]
        assert "\u00a0" not in post["content_text"]


def test_truth_covers_the_hard_cases(site):
    posts = site.posts
    assert all(ISO.match(p["published"]) for p in posts)
    assert {p["published"][-6:] for p in posts} >= {"-03:00", "+03:00", "+00:00"}
    assert any(p["modified"] is None for p in posts) and any(p["modified"] for p in posts)
    titles = Counter(p["title"] for p in posts)
    dup = next(t for t, n in titles.items() if n == 2 and t == "Weekly Darknet Roundup")
    assert sorted(p["slug"] for p in posts if p["title"] == dup) == ["weekly-darknet-roundup",
                                                                    "weekly-darknet-roundup-2"]
    assert any(re.search("[а-я]", p["title"]) for p in posts)
    assert any("“" in p["title"] and "&" in p["title"] for p in posts)
    assert {"José Müller", "Анна Петрова"} <= {p["author"] for p in posts}
    assert {"Dark Web", "C++", "Übersicht"} <= {t for p in posts for t in p["tags"]}
    assert any(p["comment_count"] == 0 for p in posts)
    assert any(p["comment_count"] > 2 for p in posts)
    assert len([p for p in posts if not p["linked"]]) >= 2
    assert any(p["url"].endswith("/") and "/./" not in p["url"] for p in posts)


def test_entities_are_encoded_in_markup(site):
    post = next(p for p in site.posts if "“" in p["title"])
    assert b"Vendor&#8217;s &#8220;Stealth&#8221; Shipping &amp; Customs" in site.pages[post["url"]]


def test_unlinked_posts_are_linked_from_no_other_page(site):
    unlinked = [p for p in site.posts if not p["linked"]]
    targets = {same_site_key(p["url"]): p for p in unlinked}
    targets.update({same_site_key(f"{site.root}/?p={p['post_id']}"): p for p in unlinked})
    for url, page in site.pages.items():
        for href in hrefs(page, url):
            post = targets.get(same_site_key(href))
            if post is not None:  # a post's own page (and its AMP page) may name itself
                assert url.startswith(post["url"]), f"{url} links unlinked post {post['url']}"


def test_linked_posts_are_listed(site):
    listed = set()
    for url, kind in site.kinds.items():
        if kind not in ("post", "amp", "attachment", "page"):
            listed |= {same_site_key(h) for h in hrefs(site.pages[url], url)}
    assert {same_site_key(p["url"]) for p in site.expected("live")} <= listed


def test_traps_are_present(site):
    every = set()
    for url, page in site.pages.items():
        every |= hrefs(page, url)
    text = "\n".join(every)
    for trap in ("/feed/", "/wp-json/", "/wp-admin/", "/wp-login.php", "replytocom=",
                 "share=twitter", "?s=", "comment-page-2/", "?attachment_id=", "/xmlrpc.php",
                 "/wp-content/uploads/", "https://wordpress.org/"):
        assert trap in text, trap
    assert any(kind == "attachment" for kind in site.kinds.values())
    assert any(u.endswith("/amp/") for u in site.pages)
    calendar_prev = r'wp-calendar-nav-prev"><a href="[^"]+/\d{4}/\d\d/"'
    assert re.search(calendar_prev, site.pages[site.root + "/"].decode())


def test_url_variants(site):
    renamed = [(old, new) for old, new in site.redirects.items() if "?" not in old]
    assert len(renamed) == 1
    old, new = renamed[0]
    assert new in site.pages and old not in site.pages
    assert any(old in [a for a in p["links"]] for p in site.posts)
    for post in site.posts:
        assert site.redirects[f"{site.root}/?p={post['post_id']}"] == post["url"]
    home = site.pages[site.root + "/"]
    assert b'href="http://www.example.org/"' in home and b'href="https://example.org/' in home


def test_expected_by_source(site):
    live, mirror = site.expected("live"), site.expected("mirror")
    assert [p["post_id"] for p in mirror] == sorted(p["post_id"] for p in site.posts)
    assert len(mirror) - len(live) == sum(not p["linked"] for p in site.posts)
    assert all("linked" not in p for p in mirror)
    live[0]["title"] = "changed"
    assert site.expected("live")[0]["title"] != "changed"


def test_block_theme_hides_some_author_slugs():
    site = build_site(theme="block", n_posts=40, seed=3)
    hidden = [p for p in site.posts if p["author_slug"] is None]
    assert hidden and len(hidden) < len(site.posts)
    for post in hidden:
        assert b"/author/" not in site.pages[post["url"]]


@pytest.mark.parametrize("permalinks", PERMALINKS)
def test_permalink_structures(permalinks):
    site = build_site(theme="classic", n_posts=20, permalinks=permalinks)
    post = site.posts[0]
    shape = {"date": r"/\d{4}/\d\d/\d\d/[a-z0-9-]+/$", "postname": r"\.org/[a-z0-9-]+/$",
             "archives": r"/archives/\d+/$", "plain": r"/\?p=\d+$"}[permalinks]
    assert re.search(shape, post["url"])
    expected_slug = {"archives": post["url"].rstrip("/").rsplit("/", 1)[-1], "plain": ""}
    if permalinks in expected_slug:  # crawler.items: the last path segment of the permalink
        assert post["slug"] == expected_slug[permalinks]
    if permalinks == "plain":
        assert all(p["author_slug"] is None for p in site.posts)
        assert f"{site.root}/?paged=2" in site.pages


def test_deterministic():
    one, two = build_site(n_posts=25, seed=7), build_site(n_posts=25, seed=7)
    assert one.pages == two.pages and one.redirects == two.redirects and one.posts == two.posts
    assert build_site(n_posts=25, seed=8).posts != one.posts


def test_padding_reaches_the_target():
    site = build_site(theme="sahifa", n_posts=10, pad_to_kb=60)
    sizes = [len(site.pages[p["url"]]) for p in site.posts]
    assert all(59 * 1024 <= s <= 61 * 1024 for s in sizes)


def test_server_serves_pages_redirects_and_404s():
    with serve_site(theme="sahifa", n_posts=12) as (site, server):
        assert server.url == site.root and site.root.startswith("http://127.0.0.1:")
        post = site.posts[0]
        with urllib.request.urlopen(post["url"]) as answer:
            assert answer.status == 200 and answer.read() == site.pages[post["url"]]
            assert answer.headers["Content-Type"] == "text/html; charset=UTF-8"
            shortlink = f"<{site.root}/?p={post['post_id']}>; rel=shortlink"
            assert shortlink in answer.headers.get_all("Link")
        request = urllib.request.Request(post["url"], method="HEAD")
        with urllib.request.urlopen(request) as answer:
            assert answer.status == 200 and answer.read() == b""
        with urllib.request.urlopen(f"{site.root}/?p={post['post_id']}") as answer:  # 301 followed
            assert answer.url == post["url"]
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{site.root}/no-such-page/")
        assert missing.value.code == 404 and b"error404" in missing.value.read()
        path = urlsplit(post["url"]).path
        assert server.requests == [path, path, f"/?p={post['post_id']}", path, "/no-such-page/"]


def test_wget_mirror_layout(tmp_path):
    site = build_site(theme="sahifa", n_posts=20, permalinks="postname")
    host = site.write_mirror(tmp_path, layout="wget")
    assert host == tmp_path / "www.example.org"
    files = {p.relative_to(host).as_posix() for p in host.rglob("*") if p.is_file()}
    assert files == {relative_path(u) for u in site.pages}
    assert "index.html" in files and "page/2/index.html" in files
    assert any(f.startswith("index.html?attachment_id=") for f in files)
    old = next(u for u in site.redirects if "?" not in u)
    assert relative_path(old) not in files
    post = site.posts[0]
    assert (host / relative_path(post["url"])).read_bytes() == site.pages[post["url"]]


def test_wbm_mirror_holds_old_captures(tmp_path):
    site = build_site(theme="sahifa", n_posts=25)
    host = site.write_mirror(tmp_path, layout="wbm")
    old, new = next((o, n) for o, n in site.redirects.items() if "?" not in o)
    truth = next(p for p in site.posts if p["url"] == new)
    older = (host / relative_path(old)).read_text(encoding="utf-8")
    assert f"postid-{truth['post_id']}" in older and truth["title"] not in older
    stamp = re.search(r'article:modified_time" content="([^"]+)"', older).group(1)
    assert stamp < truth["modified"]
    shortlinks = [p for p in host.glob("index.html?p=*")]
    assert shortlinks
    post_id = int(shortlinks[0].name.split("=")[1])
    url = next(p["url"] for p in site.posts if p["post_id"] == post_id)
    assert shortlinks[0].read_bytes() == site.pages[url]


@pytest.mark.parametrize("n_posts", [1, 3, 7])
def test_tiny_sites_build(n_posts):
    for theme in THEMES:
        site = build_site(theme=theme, n_posts=n_posts, permalinks="plain")
        assert len(site.posts) == n_posts and site.root + "/" in site.pages


def test_content_does_not_depend_on_the_theme():
    sites = [build_site(theme=theme, n_posts=30, seed=4) for theme in THEMES]
    same = ("post_id", "url", "title", "published", "modified", "tags", "content_text", "links")
    rows = [[{k: p[k] for k in same} for p in site.posts] for site in sites]
    assert rows[0] == rows[1] == rows[2]


def test_big_sites_stay_inside_the_crawls_date_bounds():
    """30,000 posts once ran into 2028, whose URLs the date-trap rule refuses (issue 14)."""
    from crawler.routing import Bounds, PageKind, classify
    from tests.sitegen.build import FIRST_POST, LAST_POST, build_model

    model = build_model("sahifa", "https://www.example.org", 30_000, "date", 0)
    published = [p.published for p in model.posts]
    assert published == sorted(published) and len(set(published)) == len(published)
    assert published[0] > FIRST_POST and published[-1] <= LAST_POST
    assert published[-1] - published[0] > (LAST_POST - FIRST_POST) * 0.5  # spread, not squeezed
    bounds = Bounds(last_year=LAST_POST.year + 1)  # as if the tests ran in LAST_POST's year
    refused = [p.url for p in model.posts if classify(p.url, bounds).kind is not PageKind.POST]
    assert refused == []


def test_a_streamed_mirror_is_the_wget_mirror(tmp_path):
    from tests.sitegen.build import build_model
    from tests.sitegen.mirror import stream_mirror

    built = build_site(n_posts=12, seed=5, pad_to_kb=20)
    built.write_mirror(tmp_path / "kept", layout="wget")
    model = build_model("sahifa", built.root, 12, "date", 5)
    streamed = stream_mirror(model, tmp_path / "streamed", pad_to_kb=20)
    assert streamed.pages == {} and streamed.kinds == built.kinds and streamed.posts == built.posts

    def files(folder):
        return {p.relative_to(folder).as_posix(): p.read_bytes()
                for p in folder.rglob("*") if p.is_file()}

    assert files(tmp_path / "streamed") == files(tmp_path / "kept") != {}
