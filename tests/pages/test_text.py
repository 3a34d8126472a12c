"""The content_text contract, block by block."""

from __future__ import annotations

import lxml.html
import pytest

from crawler.pages.text import content_text


def text(html: str) -> str:
    return content_text(lxml.html.fragment_fromstring(html, create_parent="div"))


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("<p>  runs \n\t of   white\nspace  </p>", "runs of white space"),
        ("<p>a<em>b</em> c <a href='x'>d</a>.</p>", "ab c d."),
        ("<p>line one <br> line two<br/>line three</p>", "line one\nline two\nline three"),
        ("<p>a<br><br>b</p>", "a\n\nb"),
        ("<p><br>lead and trail<br></p>", "lead and trail"),
        ("<p>caf&eacute;&nbsp;&amp;&#8217;s&#160;bar</p>", "café &’s bar"),
        ("<p>&nbsp;</p><p> </p><p>kept</p>", "kept"),
        ("<div>intro<p>inner</p>outro</div>", "intro\n\ninner\n\noutro"),
        ("<section>a<div>b<p>c</p>d</div>e</section>", "a\n\nb\n\nc\n\nd\n\ne"),
        ("<ul><li>one</li><li>two<ul><li>two.a</li></ul></li></ul>", "one\n\ntwo\n\ntwo.a"),
        ("<blockquote><p>Quoted.</p><cite>Someone</cite></blockquote>", "Quoted.\n\nSomeone"),
        ("<h2>Head</h2><pre>x  =  1\n  y</pre>", "Head\n\nx = 1 y"),
        ("<figure><img src='a.jpg'><figcaption>Cap</figcaption></figure>", "Cap"),
        ("<dl><dt>Term</dt><dd>Definition</dd></dl>", "Term\n\nDefinition"),
        ("<table><tr><td>a</td> <td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
         "a b\n\nc d"),
        ("<p>a<!-- hidden -->b</p>", "ab"),
        ("loose <b>inline</b> text", "loose inline text"),
    ],
)
def test_content_text(html, expected):
    assert text(html) == expected


def test_text_of_the_container_itself_is_a_paragraph():
    assert text("before<p>p</p>after") == "before\n\np\n\nafter"
