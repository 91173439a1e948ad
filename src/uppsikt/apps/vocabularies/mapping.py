"""Mapping between vocabulary models and domain records."""

from __future__ import annotations

from dataclasses import dataclass

from uppsikt.apps.numbers import from_db
from uppsikt.apps.organisation.models import Municipality
from uppsikt.apps.vocabularies import models
from uppsikt.domain import internal_control
from uppsikt.domain import vocabularies as domain


@dataclass
class Configuration:
    """The rows of a municipality's vocabularies and scales, by code."""

    vocabularies: dict[str, models.StatusVocabulary]
    statuses: dict[tuple[str, str], models.Status]
    scales: dict[str, models.AssessmentScale]
    levels: dict[tuple[str, str], models.AssessmentLevel]


def _colour(colour: domain.Colour | None) -> str:
    return colour.value if colour else ""


def save_configuration(
    municipality: Municipality,
    vocabularies: tuple[domain.StatusVocabulary, ...],
    scales: tuple[domain.AssessmentScale, ...],
    matrix: internal_control.RiskMatrix | None,
) -> Configuration:
    """Create or update vocabularies, scales and the risk matrix by code."""
    config = Configuration({}, {}, {}, {})
    for vocabulary in vocabularies:
        row, _ = models.StatusVocabulary.objects.update_or_create(
            municipality=municipality, code=vocabulary.code, defaults={"name": vocabulary.name}
        )
        config.vocabularies[vocabulary.code] = row
        for index, status in enumerate(vocabulary.statuses):
            config.statuses[(vocabulary.code, status.code)], _ = (
                models.Status.objects.update_or_create(
                    vocabulary=row,
                    code=status.code,
                    defaults={
                        "label": status.label,
                        "outcome": status.outcome.value,
                        "symbol": status.symbol,
                        "colour": _colour(status.colour),
                        "position": index,
                    },
                )
            )
    for scale in scales:
        scale_row, _ = models.AssessmentScale.objects.update_or_create(
            municipality=municipality, code=scale.code, defaults={"name": scale.name}
        )
        config.scales[scale.code] = scale_row
        for index, level in enumerate(scale.levels):
            config.levels[(scale.code, level.code)], _ = (
                models.AssessmentLevel.objects.update_or_create(
                    scale=scale_row,
                    code=level.code,
                    defaults={
                        "label": level.label,
                        "symbol": level.symbol,
                        "colour": _colour(level.colour),
                        "min_share": level.min_share,
                        "position": index,
                    },
                )
            )
    if matrix is not None:
        matrix_row, _ = models.RiskMatrix.objects.update_or_create(
            municipality=municipality,
            defaults={
                "probability": list(matrix.probability),
                "consequence": list(matrix.consequence),
            },
        )
        matrix_row.bands.all().delete()
        for index, band in enumerate(matrix.bands):
            models.RiskBand.objects.create(
                matrix=matrix_row, label=band.label, max_score=band.max_score, position=index
            )
    return config


def vocabulary_to_domain(row: models.StatusVocabulary) -> domain.StatusVocabulary:
    """The domain record of a status vocabulary."""
    return domain.StatusVocabulary(
        row.code,
        row.name,
        tuple(
            domain.Status(
                status.code,
                status.label,
                domain.StatusOutcome(status.outcome),
                status.symbol,
                domain.Colour(status.colour) if status.colour else None,
            )
            for status in row.statuses.all()
        ),
    )


def scale_to_domain(row: models.AssessmentScale) -> domain.AssessmentScale:
    """The domain record of an assessment scale."""
    return domain.AssessmentScale(
        row.code,
        row.name,
        tuple(
            domain.AssessmentLevel(
                level.code,
                level.label,
                level.symbol,
                domain.Colour(level.colour) if level.colour else None,
                from_db(level.min_share),
            )
            for level in row.levels.all()
        ),
    )


def configuration_to_domain(
    municipality: Municipality,
) -> tuple[
    tuple[domain.StatusVocabulary, ...],
    tuple[domain.AssessmentScale, ...],
    internal_control.RiskMatrix | None,
]:
    """The municipality's vocabularies, scales and risk matrix."""
    vocabularies = tuple(
        vocabulary_to_domain(row)
        for row in municipality.status_vocabularies.order_by("pk").prefetch_related("statuses")
    )
    scales = tuple(
        scale_to_domain(row)
        for row in municipality.assessment_scales.order_by("pk").prefetch_related("levels")
    )
    matrix_row = models.RiskMatrix.objects.filter(municipality=municipality).first()
    matrix = None
    if matrix_row is not None:
        matrix = internal_control.RiskMatrix(
            tuple(matrix_row.probability),
            tuple(matrix_row.consequence),
            tuple(
                internal_control.RiskBand(band.label, band.max_score)
                for band in matrix_row.bands.all()
            ),
        )
    return vocabularies, scales, matrix
