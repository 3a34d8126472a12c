"""Item pipelines, in flow order: normalize -> validate -> dedupe -> state (``settings.py``)."""

from crawler.pipelines.dedupe import DedupePipeline
from crawler.pipelines.normalize import NormalizePipeline
from crawler.pipelines.state import StatePipeline
from crawler.pipelines.validate import ValidatePipeline

__all__ = ["DedupePipeline", "NormalizePipeline", "StatePipeline", "ValidatePipeline"]
