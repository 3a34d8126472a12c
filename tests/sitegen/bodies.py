"""Images and links placed into a post body, with every href final (as the page writes it)."""

from __future__ import annotations

import random
from datetime import datetime

from .model import Attachment, Block, Image, Inline, Post
from .urls import Urls

LAZY_PLACEHOLDER = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
EXTERNAL = [
    ("https://www.europol.europa.eu/newsroom/news/global-operation-sweeps-darknet", "Europol said"),
    ("https://www.justice.gov/opa/pr/darknet-vendor-sentenced", "court documents"),
    ("https://www.eff.org/deeplinks/2019/05/tor-and-privacy", "the EFF has argued"),
    ("https://blog.torproject.org/new-release-tor-browser/", "the latest Tor Browser release"),
    ("https://www.reddit.com/r/darknet/comments/abc123/market_down/", "users on Reddit"),
]
FRAGMENT_LINK = ("https://en.wikipedia.org/wiki/Darknet_market#History", "history of such markets")
QUERY_LINK = ("https://www.facebook.com/permalink.php?story_fbid=1215565491801095&id=129135007110821",
              "According")


class BodyMaker:
    """Adds figures and links to a post's blocks; allocates image/attachment IDs."""

    def __init__(self, rng: random.Random, urls: Urls) -> None:
        self.rng = rng
        self.urls = urls

    def image(self, image_id: int, name: str, when: datetime, size: str = "1024x683",
              relative: bool = False) -> Image:
        full = self.urls.upload(when, f"{name}.jpg")
        real = full[:-4] + f"-{size}.jpg"
        src = real[len(self.urls.root):] if relative else real
        return Image(image_id, name, src, real, full)

    def figure(self, blocks: list[Block], image: Image) -> None:
        position = self.rng.randint(1, len(blocks))
        blocks.insert(position, Block("figure", image=image))

    def attach(self, post: Post, image: Image, by_id: bool) -> Attachment:
        """Give ``image`` an attachment page and link the image to it."""
        pretty = self.urls.attachment(post.url, image.name, image.id)
        by_id_url = self.urls.attachment_id(image.id)
        image.href = by_id_url if by_id else pretty
        alt = by_id_url if pretty != by_id_url else None
        return Attachment(image.id, image, post, pretty, alt)

    def link(self, blocks: list[Block], href: str, anchor: str, before: str = "",
             after: str = ".") -> None:
        """Append ``before <a href>anchor</a>after`` to a random paragraph."""
        paragraphs = [b for b in blocks if b.kind == "p"]
        target = self.rng.choice(paragraphs)
        lead: Inline = ("t", f" {before} " if before else " ")
        target.inlines += [lead, ("a", href, anchor), ("t", after)]

    def external(self, blocks: list[Block]) -> None:
        href, anchor = self.rng.choice(EXTERNAL)
        self.link(blocks, href, anchor, "As", " earlier this year.")

    def internal(self, blocks: list[Block], other: Post, href: str | None = None) -> None:
        self.link(blocks, href or other.url, other.title, "See also:")

    def line_break(self, blocks: list[Block]) -> None:
        blocks.append(Block("p", [("strong", "Update:"), ("br",),
                                  ("t", "The market came back online two days later.")]))

    def nbsp(self, blocks: list[Block]) -> None:
        blocks.append(Block("p", [("t", "Officers seized cash worth 10\u00a0000 euros and "
                                        "twelve\u00a0kilograms of pills.")]))
