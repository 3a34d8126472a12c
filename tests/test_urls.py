import pytest

from crawler.urls import SiteUrls, slug_of

SITE = SiteUrls("https://www.example.org")


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://www.example.org/2017/11/18/slug/", "https://www.example.org/2017/11/18/slug/"),
        ("http://www.example.org/2017/11/18/slug/", "https://www.example.org/2017/11/18/slug/"),
        ("https://example.org/2017/11/18/slug", "https://www.example.org/2017/11/18/slug/"),
        ("https://WWW.Example.org/a/index.html", "https://www.example.org/a/"),
        ("https://www.example.org/a/index.php", "https://www.example.org/a/"),
        ("https://www.example.org/a/?utm_source=x&utm_medium=y#comments", "https://www.example.org/a/"),
        ("https://www.example.org/a/?fbclid=1&gclid=2", "https://www.example.org/a/"),
        ("https://www.example.org/2017/11/18/slug/amp/", "https://www.example.org/2017/11/18/slug/"),
        ("https://www.example.org/2017/11/18/slug/?amp=1", "https://www.example.org/2017/11/18/slug/"),
        ("https://www.example.org/?paged=2&cat=3", "https://www.example.org/?cat=3&paged=2"),
        ("https://www.example.org:443/?p=12", "https://www.example.org/?p=12"),
        ("https://www.example.org//a//b/", "https://www.example.org/a/b/"),
        ("https://www.example.org/a/../b/", "https://www.example.org/b/"),
        ("https://www.example.org/wp-content/x.jpg", "https://www.example.org/wp-content/x.jpg"),
        ("https://www.example.org/%d0%bd%d0%be%d0%b2/", "https://www.example.org/%D0%BD%D0%BE%D0%B2/"),
        ("https://www.example.org/нов/", "https://www.example.org/%D0%BD%D0%BE%D0%B2/"),
        ("https://www.example.org", "https://www.example.org/"),
        ("https://www.example.org/a/?replytocom=5", "https://www.example.org/a/?replytocom=5"),
        # Percent-encoding round-trips (w3lib): an encoded slash or percent sign stays encoded.
        ("https://www.example.org/a%2Fb/", "https://www.example.org/a%2Fb/"),
        ("https://www.example.org/100%25-free/", "https://www.example.org/100%25-free/"),
        ("https://www.example.org/%7Ejo/", "https://www.example.org/~jo/"),
        ("https://www.example.org/a b/", "https://www.example.org/a%20b/"),
        # Only WordPress's query variables select content: session IDs and the like are dropped.
        ("https://www.example.org/a/?sid=8f3a9c&PHPSESSID=1", "https://www.example.org/a/"),
        ("https://www.example.org/?cat=3&sid=x&paged=2", "https://www.example.org/?cat=3&paged=2"),
        ("https://www.example.org/?lang=fr&p=3", "https://www.example.org/?lang=fr&p=3"),
    ],
)
def test_canonical(url, canonical):
    assert SITE.canonical(url) == canonical


@pytest.mark.parametrize(
    "url",
    ["https://other.org/a/", "https://www.example.org.evil.com/", "mailto:a@example.org",
     "ftp://www.example.org/", "https://www.example.org:8443/", "javascript:void(0)",
     "http://[::1/oops", "https://www.example.org:port/"],
)
def test_offsite_is_none(url):
    assert SITE.canonical(url) is None


def test_ports_distinguish_local_servers():
    local = SiteUrls("http://127.0.0.1:8080")
    assert local.canonical("http://127.0.0.1:8080/a") == "http://127.0.0.1:8080/a/"
    assert local.canonical("http://127.0.0.1:8081/a") is None


@pytest.mark.parametrize("root", ["", "example.org", "ftp://example.org", "https://"])
def test_bad_site_is_a_clear_error(root):
    with pytest.raises(ValueError, match="site must be an http"):
        SiteUrls(root)


@pytest.mark.parametrize(
    ("url", "slug"),
    [("https://x.org/2017/11/18/my-post/", "my-post"), ("https://x.org/", ""),
     ("https://x.org/%D0%BD%D0%BE/", "но"), ("https://x.org/archives/12/", "12"),
     ("https://x.org/?p=3", "")],
)
def test_slug(url, slug):
    assert slug_of(url) == slug
