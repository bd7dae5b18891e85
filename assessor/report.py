"""The assessment as a readable Dutch text report (the CLI's default format)."""

from __future__ import annotations

from .engine import FIRST_OTHER_STEPS, Assessment
from .model import Model


def text_report(model: Model, assessment: Assessment) -> str:
    lines = ["Beoordeling van de casus (oriëntatie, geen juridisch advies)", ""]
    for status in model.statuses:
        results = [result for result in assessment.instruments if result.status == status.id]
        if not results:
            continue
        lines.append(f"== {status.label} ({len(results)}) ==")
        for result in results:
            lines.append(f"- {model.instrument(result.id).name} [{result.id}]")
            lines.extend(f"    {reason}" for reason in result.reasons)
            if status.id == FIRST_OTHER_STEPS and model.instrument(result.id).first_steps:
                lines.append(f"    → {model.instrument(result.id).first_steps}")
            for warning in result.warnings:
                title = model.warnings.get(warning, {}).get("title", warning)
                lines.append(f"    Let op: {title}")
        lines.append("")
    lines.append(f"Inhoudsversie: {assessment.content_version}")
    return "\n".join(lines)
