"""The fixture site's content: fixed text, fixed dates, no randomness.

Operations for ``php/apply.php`` (see there). What each post exercises is said beside it; the
mix is what real blogs have: classic-editor HTML and block markup, captions and galleries,
threaded comments, a sticky post, edits long after publication, non-ASCII names everywhere.
"""

from __future__ import annotations

from typing import Any

from .markup import Op, block, figure, gallery, paragraph, post

HOME = "http://wp.example.org"
IMAGES = ["pier", "moth", "net", "buoy", "rope", "teapot"]

OPTIONS = {
    "blogdescription": "Notes from a real WordPress",
    "timezone_string": "Europe/Berlin", "gmt_offset": "",
    "date_format": "F j, Y", "time_format": "g:i a",
    "permalink_structure": "/%year%/%monthnum%/%day%/%postname%/",
    "posts_per_page": 5, "thread_comments": 1, "thread_comments_depth": 5,
    "page_comments": 0, "show_avatars": 1, "comment_moderation": 0,
    "default_comment_status": "open", "uploads_use_yearmonth_folders": 1,
}


def install(title: str, home: str = HOME, options: dict[str, Any] | None = None) -> Op:
    return {"op": "install", "title": title, "home": home,
            "options": {**OPTIONS, **(options or {})}, "registered": "2015-01-01 00:00:00"}


USERS = [
    {"op": "user", "key": "marta", "login": "marta", "slug": "marta-k", "name": "Marta Klein",
     "first": "Marta", "last": "Klein", "bio": "Marta photographs working harbours."},
    {"op": "user", "key": "zoe", "login": "zoe", "slug": "zangstrom", "name": "Zoë Ångström",
     "first": "Zoë", "last": "Ångström"},
    {"op": "user", "key": "olena", "login": "olena", "slug": "олена", "name": "Олена Коваль",
     "first": "Олена", "last": "Коваль", "bio": "Пише про чай і каву."},
    {"op": "user", "key": "jose", "login": "jmueller", "slug": "jose",
     "name": "José Müller-Łukasiewicz", "first": "José", "last": "Müller-Łukasiewicz"},
]
for _user in USERS:
    _user["registered"] = "2015-06-01 12:00:00"

TERMS = [
    {"key": "news", "taxonomy": "category", "name": "News", "slug": "news"},
    {"key": "world", "taxonomy": "category", "name": "World News", "slug": "world",
     "parent": "news"},
    {"key": "tech", "taxonomy": "category", "name": "Technik", "slug": "technik"},
    {"key": "ki", "taxonomy": "category", "name": "Künstliche Intelligenz", "slug": "ki",
     "parent": "tech"},
    {"key": "kultura", "taxonomy": "category", "name": "Культура", "slug": "культура"},
    {"key": "photo", "taxonomy": "category", "name": "Photography & Film", "slug": "photography"},
] + [
    {"key": f"t-{slug}", "taxonomy": "post_tag", "name": name, "slug": slug}
    for name, slug in [
        ("boats", "boats"), ("harbour", "harbour"), ("café", "cafe"), ("東京", "東京"),
        ("AI", "ai"), ("machine learning", "machine-learning"), ("privacy", "privacy"),
        ("Tor", "tor"), ("law", "law"), ("EU", "eu"), ("data", "data"), ("night", "night"),
        ("чай", "чай"), ("кава", "кава"), ("moths", "moths"), ("tides", "tides"),
    ]
]
for _term in TERMS:
    _term["op"] = "term"


def _image(key: str, title: str, date: str, caption: str = "", alt: str = "") -> Op:
    return {"op": "image", "key": key, "title": title, "date": date, "caption": caption,
            "alt": alt, "author": "marta", "slug": key}


POSTS: list[Op] = [
    # Classic editor HTML: headings, list, blockquote, links; many tags, two categories.
    post("harbour", "Hello from the Harbour", "hello-from-the-harbour", "marta",
          "2016-03-04 09:15:00",
          "The ferry leaves at seven, and by half past the harbour is quiet again. I walk the "
          "north pier most mornings with a camera and a flask.\n\n"
          "<h2>What the boats tell you</h2>\n"
          'Fishing boats come back low in the water when the catch is good. The '
          '<a href="https://en.wikipedia.org/wiki/Harbourmaster">harbourmaster</a> keeps the '
          "tide tables.\n\n<ul>\n<li>Blue hulls: the Mackay family</li>\n"
          "<li>Red hulls: the co-operative</li>\n</ul>\n"
          "<blockquote>A harbour is a promise that the sea will give you back.</blockquote>\n\n"
          "More next week,\nMarta",
          categories=["news", "photo"],
          tags=["t-boats", "t-harbour", "t-tides", "t-night", "t-data", "t-eu", "t-law", "t-cafe"]),
    # Uncategorized only, no tags, no comments: the bare minimum a post has.
    post("bare", "A Post With Nothing Attached", "nothing-attached", "zoe",
          "2016-11-20 23:05:00", "Just two sentences. Nothing else to see here.",
          categories=["uncategorized"]),
    # Cyrillic title with an ampersand and a typographic apostrophe; Cyrillic category/tags.
    post("tea", "Чому ми п’ємо чай & каву", "чай-і-кава", "olena", "2017-02-14 18:05:33",
          paragraph("Чай заварюють при 80 °C, каву — при 92 °C.") + "\n\n"
          + block("quote", '<blockquote class="wp-block-quote"><p>«Мелена кава втрачає аромат '
                   "за 15 хвилин», — каже бариста.</p><cite>Бариста</cite></blockquote>"),
          categories=["kultura"], tags=["t-чай", "t-кава"], modified="2017-02-15 10:00:00"),
    # Block image with caption, a table, internal and external links; featured image.
    post("moths", "Moths at the Window", "moths-at-the-window", "zoe", "2017-05-20 21:40:12",
          paragraph("Leave a lamp on by an open window in late May and the visitors come "
                    "within the hour.") + "\n\n"
          + figure("moth", "An elephant hawk-moth, <em>Deilephila elpenor</em>.",
                    "A pink and olive moth") + "\n\n"
          + paragraph("I counted them on three nights:") + "\n\n"
          + block("table", '<figure class="wp-block-table"><table><thead><tr><th>Night</th>'
                   "<th>Moths</th></tr></thead><tbody><tr><td>Monday</td><td>12</td></tr><tr>"
                   "<td>Tuesday</td><td>31</td></tr></tbody></table></figure>") + "\n\n"
          + paragraph('See the <a href="https://butterfly-conservation.example/moths">national '
                      'recording scheme</a> if you want your counts to matter, or read '
                      '<a href="{url:harbour}">my harbour notes</a>.'),
          categories=["news"], tags=["t-moths", "t-night", "t-data"], thumbnail="pier"),
    # Classic [caption] shortcode and a [gallery] shortcode.
    post("quay", "Nets and Buoys on the Quay", "nets-and-buoys", "marta", "2018-01-09 08:00:00",
          '[caption id="attachment_{id:net}" align="aligncenter" width="300"]<img '
          'class="size-medium wp-image-{id:net}" src="{src:net:medium}" alt="A green net" '
          'width="300" height="225" /> Nets drying in January.[/caption]\n\n'
          "The quay in winter is all rope and rust.\n\n"
          '[gallery ids="{id:buoy},{id:rope},{id:net}" columns="3" link="file"]\n\n'
          "Three pictures, one morning.",
          categories=["photo"], tags=["t-boats", "t-harbour"]),
    # Block gallery; edited two years after publication.
    post("gallery", "Gallery: Rope Work", "gallery-rope-work", "marta", "2018-06-30 14:20:00",
          paragraph("Rope work is a craft that survives on the quays.") + "\n\n"
          + gallery(["rope", "buoy", "net"]) + "\n\n"
          + paragraph("<strong>Update:</strong> the rope shop closed in 2020."),
          categories=["photo", "kultura"], tags=["t-harbour"], modified="2020-08-01 11:30:00"),
    # Child category only; many tags incl. non-ASCII; threaded comments.
    post("ai", "Künstliche Intelligenz im Hafen", "ki-im-hafen", "jose", "2019-03-01 07:45:00",
          block("heading", "<h2>Kameras zählen Boote</h2>") + "\n\n"
          + paragraph("Seit Januar zählen zwei Kameras die Boote, die den Hafen verlassen.")
          + "\n\n"
          + block("list", "<ul><li>Kamera 1: Nordmole</li><li>Kamera 2: Südmole</li></ul>")
          + "\n\n" + paragraph('Der Code liegt auf <a href="https://git.example/hafen/zaehler">'
                        "git.example</a>; Fragen an <a href=\"mailto:hafen@example.org\">"
                        "hafen@example.org</a>."),
          categories=["ki"],
          tags=["t-ai", "t-machine-learning", "t-privacy", "t-data", "t-eu", "t-law", "t-boats",
                "t-harbour", "t-東京", "t-cafe", "t-tides", "t-night"]),
    # Child category of News plus its parent; edited (modified much later).
    post("electric", "Ports Around the World Go Electric", "ports-go-electric", "zoe",
          "2019-10-27 02:30:00",
          paragraph("From Oslo to Tokyo, harbours are replacing diesel cranes.") + "\n\n"
          + block("heading", "<h3>Numbers</h3>") + "\n\n"
          + block("list", "<ol><li>Oslo: 2021</li><li>Rotterdam: 2023</li><li>Tokyo: 2025</li>"
                   "</ol>") + "\n\n"
          + paragraph('Source: <a href="https://ports.example/report.pdf">the port authorities\' '
               "report</a> (PDF)."),
          categories=["news", "world"], tags=["t-東京", "t-eu"], modified="2021-05-05 16:00:00"),
    # The sticky post.
    post("sticky", "Read This First: About These Notes", "read-this-first", "marta",
          "2020-01-01 00:00:00",
          paragraph("These notes are a test site: every post shows something WordPress does.")
          + "\n\n"
          + paragraph("Comments are open; be kind."),
          categories=["uncategorized"], sticky=True),
    # Preformatted code, inline code and entities in the body.
    post("code", "Counting Boats in 10 Lines of Python", "counting-boats-python", "jose",
          "2020-07-14 12:00:00",
          paragraph("The counter is small. Here it is, with <code>&lt;</code> and "
             "<code>&amp;</code> escaped:") + "\n\n"
          + block("code", '<pre class="wp-block-code"><code>boats = [b for b in frames if '
                   "b.size &gt; 3 and b.moving]\nprint(len(boats))</code></pre>") + "\n\n"
          + paragraph("Runs on a Raspberry Pi."),
          categories=["tech", "ki"], tags=["t-ai", "t-data"]),
    # Image with caption in the classic editor, a link to another post, featured image.
    post("kettle", "Der Teekessel", "der-teekessel", "olena", "2021-02-02 20:20:20",
          '[caption id="attachment_{id:teapot}" align="alignnone" width="640"]<img '
          'class="size-full wp-image-{id:teapot}" src="{src:teapot}" alt="Teekessel" width="640" '
          'height="480" /> Der Kessel meiner Großmutter.[/caption]\n\n'
          'Mehr über Tee: <a href="{url:tea}">Чому ми п’ємо чай</a>.',
          categories=["kultura"], tags=["t-чай"], thumbnail="teapot"),
    # A long post cut with <!--more-->: listings show a teaser.
    post("long", "A Long Night Shift", "a-long-night-shift", "zoe", "2021-11-30 23:59:00",
          "The night shift starts at ten.\n\n<!--more-->\n\n"
          + "\n\n".join(f"Hour {n}: the harbour lights blink, a ship calls on channel 16."
                        for n in range(1, 9)),
          categories=["news"], tags=["t-night"]),
    # Published and edited the same day (modified a few hours later).
    post("privacy", "Cameras, Privacy and the Law", "cameras-privacy-law", "jose",
          "2022-04-05 09:00:00",
          paragraph("Who may film a public quay? The answer depends on the country.") + "\n\n"
          + paragraph('The <a href="https://eur-lex.example/gdpr">GDPR</a> applies to the camera '
               "counts.") + "\n\n" + paragraph("<em>Not legal advice.</em>"),
          categories=["tech", "news"], tags=["t-privacy", "t-law", "t-eu"],
          modified="2022-04-05 17:45:00"),
    # Newest post: a quote block and a separator.
    post("latest", "Last Light", "last-light", "marta", "2022-12-21 16:03:00",
          paragraph("The shortest day ends at four.") + "\n\n" + block(
              "separator", '<hr class="wp-block-separator has-alpha-channel-opacity"/>') + "\n\n"
          + paragraph("See you after the solstice."),
          categories=["photo"], tags=["t-harbour", "t-night"]),
    # Inline markup in the title: themes print it, the gold title is its text.
    post("markup", "Why <em>Deilephila</em> Loves Lamps", "why-deilephila-loves-lamps", "zoe",
          "2023-01-15 20:00:00", paragraph("Moths navigate by the moon; a lamp is a closer moon."),
          categories=["news"], tags=["t-moths"]),
    # The "link" post format: some themes print the title as a link to the first URL.
    post("linkpost", "Tide Tables for 2023", "tide-tables-2023", "marta", "2023-02-01 06:00:00",
          '<a href="https://tides.example/2023">https://tides.example/2023</a>',
          categories=["uncategorized"], tags=["t-tides"], format="link"),
    # Password-protected: visitors (and the REST API) get no body, only the password form.
    post("secret", "Members' Minutes", "members-minutes", "jose", "2023-03-03 19:30:00",
          paragraph("The treasurer reported a surplus of 12 euros."), categories=["news"],
          password="fixture"),
]

PAGES: list[Op] = [
    post("about", "About the Harbour Society", "about", "marta", "2015-12-01 10:00:00",
          "The Harbour Society was founded on 3 March 1998 by twelve boat owners &amp; one "
          "retired lighthouse keeper.\n\n<h3 id=\"rules\">Rules</h3>\n"
          "<ul>\n<li>Be kind at the slipway.</li>\n"
          "<li>Tide tables are not suggestions.</li>\n</ul>",
          type="page"),
    post("contact", "Контакти", "контакти", "olena", "2015-12-02 10:00:00",
          "Пишіть нам: <a href=\"mailto:society@example.org\">society@example.org</a>.",
          type="page"),
]

ATTACH = [("moth", "moths"), ("net", "quay"), ("buoy", "quay"), ("rope", "gallery"),
          ("teapot", "kettle"), ("pier", "harbour")]


def _comments() -> list[Op]:
    """Threaded, approved comments (one held for moderation, which must not be counted)."""
    plan = [
        ("harbour", "c1", None, {"name": "Jo Brown", "url": "https://jo.example"},
         "2016-03-05 10:02:11", "Lovely light in that photo."),
        ("harbour", "c2", "c1", {"user": "marta"}, "2016-03-05 12:00:00", "Thank you, Jo!"),
        ("harbour", "c3", "c2", {"name": "Jo Brown"}, "2016-03-06 08:30:00", "Any time."),
        ("harbour", "c4", None, {"name": "Piet de Vries"}, "2016-03-07 19:45:00",
         "Which pier is this?"),
        ("tea", "c5", None, {"name": "Андрій"}, "2017-02-15 09:00:00", "Дякую за статтю!"),
        ("ai", "c6", None, {"name": "Lena"}, "2019-03-02 10:00:00", "Datenschutz?"),
        ("ai", "c7", "c6", {"user": "jose"}, "2019-03-02 11:15:00", "Keine Gesichter, nur Boote."),
        ("ai", "c8", None, {"name": "Spammer", "approved": 0}, "2019-03-03 03:00:00",
         "Buy cheap boats"),
        ("sticky", "c9", None, {"name": "Ana"}, "2020-01-02 08:00:00", "Noted!"),
    ]
    return [{"op": "comment", "post": post, "key": key, "parent": parent, "date": date,
             "content": text, **who} if parent else
            {"op": "comment", "post": post, "key": key, "date": date, "content": text, **who}
            for post, key, parent, who, date, text in plan]


def site_ops(image_files: dict[str, str]) -> list[Op]:
    """Everything after :func:`install`, in the order WordPress must see it (IDs follow from
    this order)."""
    images = [
        _image("pier", "The north pier", "2016-03-04 09:00:00", "The north pier at dawn.",
               "The north pier"),
        _image("moth", "Elephant hawk-moth", "2017-05-20 21:00:00", alt="A pink moth"),
        _image("net", "Green net", "2018-01-09 07:50:00", "Nets drying in January."),
        _image("buoy", "Orange buoy", "2018-01-09 07:51:00", "A buoy, freshly painted."),
        _image("rope", "Coiled rope", "2018-01-09 07:52:00"),
        _image("teapot", "Teekessel", "2021-02-02 20:00:00"),
    ]
    for image in images:
        image["file"] = image_files[image["key"]]
    attach = [{"op": "attach", "image": image, "post": post} for image, post in ATTACH]
    ops = [*USERS, *TERMS, *images, *POSTS, *PAGES, *attach, *_comments()]
    keys = [op["key"] for op in ops if "key" in op]
    assert len(keys) == len(set(keys)), "content keys must be unique"
    return ops
