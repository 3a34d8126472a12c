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


def _naming(result: LogFormatterResult, item: Any) -> LogFormatterResult:
    args = result["args"]
    if isinstance(args, dict):
        result["args"] = {**args, "item": _name(item)}
    return result


class PostLogFormatter(LogFormatter):
    def scraped(self, item: Any, response: Response | Failure | None,
                spider: Spider) -> LogFormatterResult:
        return _naming(super().scraped(item, response, spider), item)

    def dropped(self, item: Any, exception: BaseException, response: Response | Failure | None,
                spider: Spider) -> LogFormatterResult:
        return _naming(super().dropped(item, exception, response, spider), item)
