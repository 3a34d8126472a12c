"""Log lines that name a post instead of dumping it (a post carries its whole body)."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from scrapy.spiders import Spider
from twisted.python.failure import Failure


def _name(item: Any) -> str:
    adapter = ItemAdapter(item)
    return f"post {adapter.get('post_id')} <{adapter.get('url')}>"


class PostLogFormatter(LogFormatter):
    def scraped(self, item: Any, response: Response | Failure | None, spider: Spider) -> LogFormatterResult:
        result = super().scraped(item, response, spider)
        result["args"] = {**result["args"], "item": _name(item)}
        return result

    def dropped(self, item: Any, exception: BaseException, response: Response | Failure | None,
                spider: Spider) -> LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        result["args"] = {**result["args"], "item": _name(item)}
        return result
