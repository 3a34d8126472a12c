"""Telling a dead site's afterlife pages from its real pages, and learning when it died."""

import pytest

from crawler.sources.afterlife import CaptureJudge, afterlife_signature
from crawler.sources.captures import CaptureRecord
from crawler.sources.lifespan import DEATH_EVIDENCE, LifeSpan

ROOT = "https://www.example.org"
POST = (b'<!DOCTYPE html><html><head><title>Post %d - Site</title>'
        b'<link rel="stylesheet" href="/wp-content/themes/t/style.css"></head>'
        b'<body class="post-template-default single postid-%d"><article>The market has been '
        b'seized by the police, they said.</article></body></html>')
BANNER = (b"<html><head><title>This Hidden Site Has Been Seized</title></head><body>"
          b"<img src='seized.png'><p>This hidden site has been seized by the Federal Bureau "
          b"of Investigation</p></body></html>")
PARKING = (b"<html><head><title>example.org</title></head><body><h1>example.org</h1><p>This "
           b"domain may be for sale! Buy this domain.</p></body></html>")
PLAIN = b"<html><head><title>Hello</title></head><body><p>Some words here</p></body></html>"


def post(n):
    return POST % (n, n)


def test_a_wordpress_post_is_real_even_when_it_speaks_of_seizures():
    judge = CaptureJudge()
    verdict = judge.judge(f"{ROOT}/a/", post(1))
    assert verdict.real and verdict.title == "Post 1 - Site"


@pytest.mark.parametrize(("body", "kind"), [
    (BANNER, "seized"), (PARKING, "parked"),
    (b"<html><body><h1>Error establishing a database connection</h1></body></html>",
     "database-error"),
    (b"<html><head><title>Just a moment...</title></head><body>x</body></html>", "challenge"),
    (b"<html><head><title>Account Suspended</title></head><body>x</body></html>", "suspended"),
])
def test_named_afterlife_pages(body, kind):
    assert afterlife_signature(body) == kind
    assert CaptureJudge().judge(f"{ROOT}/a/", body).kind == kind


def test_the_same_bytes_at_three_urls_are_a_catch_all():
    judge = CaptureJudge()
    kinds = [judge.judge(f"{ROOT}/{p}/", PLAIN).kind for p in "abc"]
    assert kinds == ["unproven", "unproven", "catch-all"]
    assert judge.judge(f"{ROOT}/a/", PLAIN).kind == "catch-all"  # from now on, everywhere


def test_empty_pages_soft_404s_and_the_home_page_at_a_post_url():
    judge = CaptureJudge()
    assert judge.judge(f"{ROOT}/a/", b"<html><body>  </body></html>").kind == "empty"
    soft_404 = (b'<html><body class="error404 wp-theme"><img src="/wp-content/x.png">'
                b"Nothing found</body></html>")
    assert judge.judge(f"{ROOT}/b/", soft_404).kind == "soft-404"
    home = b'<html><body class="home blog"><a href="/wp-content/x">x</a> posts</body></html>'
    assert judge.judge(f"{ROOT}/c/", home).kind == "wrong-kind"
    assert judge.judge(f"{ROOT}/page/2/", home, home=True).real


def test_unmarked_pages_are_unproven_until_the_site_shows_its_markers():
    judge = CaptureJudge()
    assert judge.judge(f"{ROOT}/x/", PLAIN.replace(b"Hello", b"x")).kind == "unproven"
    for n in range(3):
        assert judge.judge(f"{ROOT}/{n}/", post(n)).real
    assert judge.judge(f"{ROOT}/y/", PLAIN.replace(b"Hello", b"y")).kind == "not-wordpress"


def test_a_site_without_markers_is_learned_too():
    judge = CaptureJudge()
    for n in range(10):
        assert judge.judge(f"{ROOT}/{n}/", PLAIN + str(n).encode()).kind == "unproven"
        judge.served_unproven()
    assert judge.judge(f"{ROOT}/z/", PLAIN + b"z").real


def record(ts, digest=""):
    return CaptureRecord(f"{ROOT}/a/", ts, 200, "text/html", digest)


def test_death_is_the_first_afterlife_capture_after_the_last_real_one():
    life = LifeSpan()
    life.real(record("20190301000000"))
    life.afterlife(record("20180101000000"), "database-error", "")  # a bad day, long before
    for day in range(1, DEATH_EVIDENCE):
        life.afterlife(record(f"201906{day:02}000000", "B"), "seized", "Seized")
    assert life.death is None  # not enough evidence yet
    life.afterlife(record("20190610000000", "B"), "seized", "Seized")
    assert life.death == "20190601000000"
    assert life.suspect(record("20200101000000", "X")) and life.suspect(record("2017", "B"))
    assert not life.suspect(record("20190501000000", "X"))
    life.real(record("20190615000000"))  # the site came back: no death before that
    assert life.death is None
    lines = life.report()
    assert lines[0].startswith("Site life: last real capture 2019-06-15T00:00:00Z")
    assert any("'Seized' (seized)" in line for line in lines)
