"""Item pipelines, in flow order: normalize -> validate -> merge -> state (``settings.py``)."""

from crawler.pipelines.merge import MergePipeline
from crawler.pipelines.normalize import NormalizePipeline
from crawler.pipelines.state import StatePipeline
from crawler.pipelines.validate import ValidatePipeline

__all__ = ["MergePipeline", "NormalizePipeline", "StatePipeline", "ValidatePipeline"]
