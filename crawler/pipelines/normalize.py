"""Bring every field to the formats ``crawler.items`` documents, whatever the page or the parser
gave."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from itemadapter import ItemAdapter

from crawler.items import Comment
from crawler.normalize import clean_block_text, clean_text, iso_datetime, unique
from crawler.urls import site_urls, slug_of

TEXT_FIELDS = ("title", "author", "author_slug", "published_raw", "modified_raw")
LIST_OF_NAMES = ("categories", "tags")
LIST_OF_URLS = ("images", "links")


@lru_cache(maxsize=4096)
def _canonical(site: str, url: str) -> str:
    """A comment's post URL, canonical (every comment of a post has the same one)."""
    return site_urls(site).canonical(url) or url


class NormalizePipeline:
    """ISO 8601 dates, canonical original URLs, clean whitespace, decoded entities, clean lists."""

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        if isinstance(item, Comment):
            return self._comment(adapter, item)
        for name in TEXT_FIELDS:
            if adapter.get(name) is not None:
                adapter[name] = clean_text(adapter[name]) or None
        adapter["title"] = adapter.get("title") or ""
        for name in ("published", "modified"):
            shown = adapter.get(name)
            adapter[name] = iso_datetime(shown)
            if adapter[name] is None and shown and not adapter.get(f"{name}_raw"):
                adapter[f"{name}_raw"] = clean_text(shown)  # shown but unreadable: kept as shown
        for name in LIST_OF_NAMES:
            adapter[name] = unique(adapter.get(name) or [])
        for name in LIST_OF_URLS:
            urls = (u.strip() for u in adapter.get(name) or [])
            adapter[name] = list(dict.fromkeys(u for u in urls if u))
        adapter["content_text"] = clean_block_text(adapter.get("content_text"))
        adapter["word_count"] = len(adapter["content_text"].split())
        self._normalize_urls(adapter)
        post_id = adapter.get("post_id")
        adapter["post_id"] = int(post_id) if post_id not in (None, "") else None
        return item

    @staticmethod
    def _comment(adapter: ItemAdapter, item: Comment) -> Comment:
        adapter["author"] = clean_text(adapter.get("author")) or None
        adapter["author_url"] = (adapter.get("author_url") or "").strip() or None
        adapter["published"] = iso_datetime(adapter.get("published"))
        adapter["content_text"] = clean_block_text(adapter.get("content_text"))
        for name in ("comment_id", "post_id", "parent_id"):
            value = adapter.get(name)
            adapter[name] = int(value) if value not in (None, "") else None
        adapter["site"] = site_urls(adapter["site"]).root
        adapter["post_url"] = _canonical(adapter["site"], adapter["post_url"])
        return item

    @staticmethod
    def _normalize_urls(adapter: ItemAdapter) -> None:
        site = site_urls(adapter["site"])
        adapter["site"] = site.root
        adapter["url"] = site.canonical(adapter["url"]) or adapter["url"]
        adapter["slug"] = slug_of(adapter["url"])
