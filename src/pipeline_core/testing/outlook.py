"""
Hypothesis strategies for the outlook's parameters.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import attrs
from hypothesis import strategies as st

from pipeline_core.opportunity import Source
from pipeline_core.outlook import OutlookModel, SourceEffect, StageFigures
from pipeline_core.pipeline import DEFAULT_PIPELINE, PipelineDefinition, StageKind

__all__ = ["outlook_models"]

_DECIDED = (
    StageKind.APPLIED,
    StageKind.PROCESS,
    StageKind.VERBAL_OFFER,
    StageKind.WRITTEN_OFFER,
)


def _figures(draw: st.DrawFn, figures: StageFigures) -> StageFigures:
    if figures.kind not in _DECIDED:
        return figures
    return attrs.evolve(
        figures,
        p_advance=draw(st.none() | st.floats(0.0, 1.0)),
        response_days=draw(st.none() | st.floats(0.5, 60.0)),
    )


@st.composite
def outlook_models(  # noqa: D417 - `draw` is hypothesis' argument, not the caller's
    draw: st.DrawFn, *, pipeline: PipelineDefinition = DEFAULT_PIPELINE
) -> OutlookModel:
    """
    Valid outlook models for ``pipeline``, with every parameter drawn.

    Stage chances and windows (or none), source factors for some sources, the
    signal ratios and cap, the response quantile and the correlation all vary
    over their whole allowed ranges.

    Args:
        pipeline: The pipeline definition the models are for.

    .. versionadded:: 0.1.0
    """
    base = OutlookModel.for_pipeline(pipeline)
    chosen = draw(st.lists(st.sampled_from(Source), unique=True, max_size=len(Source)))
    sources = tuple(
        SourceEffect(
            source=source,
            application=draw(st.floats(0.0, 10.0)),
            decision=draw(st.floats(0.0, 2.0)),
        )
        for source in chosen
    )
    return base.evolve(
        stages=tuple(_figures(draw, figures) for figures in base.stages),
        sources=sources,
        positive_signal_ratio=draw(st.floats(1.0, 10.0)),
        negative_signal_ratio=draw(st.floats(0.01, 1.0)),
        max_signals=draw(st.integers(0, 5)),
        response_quantile=draw(st.floats(0.05, 0.95)),
        correlation=draw(st.floats(0.0, 0.99)),
    )
