"""Item pipelines, in flow order: normalize -> validate -> dedupe (wired in ``settings.py``)."""

from crawler.pipelines.dedupe import DedupePipeline
from crawler.pipelines.normalize import NormalizePipeline
from crawler.pipelines.validate import ValidatePipeline

__all__ = ["DedupePipeline", "NormalizePipeline", "ValidatePipeline"]
