"""`stdlint coverage` and `stdlint review` on the example handbook and on a handbook with gaps."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run
from tests.harness import FIXTURES

REPO = Path(__file__).resolve().parent.parent
GAPS = FIXTURES / "handbook-completeness"
EXAMPLE_DAY = "2026-11-23"


def test_coverage_of_the_example_is_complete(run_cli: Callable[..., Run]) -> None:
    run = run_cli("coverage", "--format", "json", cwd=REPO)
    assert run.exit_code == 0
    report = run.json()
    assert report["version"] == 1
    assert report["coverage"]["percent"] == 100.0
    assert report["coverage"]["covered_stages"] == report["coverage"]["stages"] == 7
    cell = next(c for c in report["cells"] if (c["stage"], c["channel"]) == ("order", "office"))
    assert cell == {
        "stage": "order",
        "channel": "office",
        "standards": ["contract-signing"],
        "required": True,
        "not_applicable": False,
        "gap": False,
    }
    assert all(d["standards"] for d in report["dimensions"])


def test_coverage_marks_gaps_in_every_format(run_cli: Callable[..., Run], tmp_path: Path) -> None:
    handbook = tmp_path / "gaps"
    shutil.copytree(GAPS, handbook)
    report = run_cli("coverage", "--format", "json", cwd=handbook).json()
    gaps = sorted((c["stage"], c["channel"]) for c in report["cells"] if c["gap"])
    assert gaps == [("order", "chat"), ("support", "chat")]
    assert report["coverage"]["required_cells"] == 3
    assert report["coverage"]["covered_required_cells"] == 1
    assert report["coverage"]["percent"] == 33.3
    accuracy = next(d for d in report["dimensions"] if d["id"] == "accuracy")
    assert accuracy["standards"] == []  # only a draft addresses it

    text = run_cli("coverage", "--lang", "en", cwd=handbook).output
    assert text.split("\n")[0].split() == ["Stage", "phone", "chat"]
    assert [line.split() for line in text.split("\n")[2:5]] == [
        ["discover", "·", "·"],
        ["order", "n/a", "GAP"],
        ["support", "2", "GAP"],
    ]
    assert "Coverage: 33.3% (1 of 3 required cells); stages covered: 1 of 3." in text

    markdown = run_cli("coverage", "--format", "markdown", "--lang", "ru", cwd=handbook).output
    assert markdown.startswith(
        "# Покрытие пути клиента\n\n| Этап | phone | chat |\n|---|---|---|\n"
    )
    assert "| support | 2 | нет стандарта |" in markdown


def test_review_groups_by_owner_and_state(run_cli: Callable[..., Run], tmp_path: Path) -> None:
    handbook = tmp_path / "currency"
    shutil.copytree(FIXTURES / "handbook-currency", handbook)
    run = run_cli("review", "--format", "json", "--today", "2026-06-01", cwd=handbook)
    assert run.exit_code == 0
    report = run.json()
    assert report["today"] == "2026-06-01"
    assert report["summary"] == {"overdue": 1, "due-soon": 1, "no-data": 2, "fresh": 4}
    owners = {
        owner["owner"]: [(s["id"], s["state"], s["due"]) for s in owner["standards"]]
        for owner in report["owners"]
    }
    assert owners["Head of support"][0] == ("cur-overdue", "overdue", "2025-12-01")
    assert owners["Руководитель поддержки"] == [("cur-soon", "due-soon", "2026-06-15")]
    assert owners["—"] == [("cur-missing", "no-data", None)]
    assert owners["Руководитель колл-центра"] == [("cur-empty", "no-data", None)]

    text = run_cli("review", "--today", "2026-06-01", "--lang", "en", cwd=handbook).output
    assert text.startswith("Head of support\nState")
    assert "1 overdue, 1 due soon, 4 fresh, 2 without review data (as of 2026-06-01)." in text
    markdown = run_cli(
        "review", "--today", "2026-06-01", "--format", "markdown", cwd=handbook
    ).output
    assert "## Head of support\n\n| State | Due | Last reviewed | Standard | File |" in markdown


def test_review_of_the_example_is_fresh_on_its_reference_date(run_cli: Callable[..., Run]) -> None:
    report = run_cli("review", "--format", "json", "--today", EXAMPLE_DAY, cwd=REPO).json()
    assert report["summary"]["fresh"] == len(list((REPO / "standards").rglob("*.md")))
    assert report["summary"]["overdue"] == report["summary"]["due-soon"] == 0
    ids = {s["id"] for owner in report["owners"] for s in owner["standards"]}
    assert {"phone-answer", "cancellation", "contract-signing"} <= ids


def test_reports_refuse_a_broken_profile(run_cli: Callable[..., Run], tmp_path: Path) -> None:
    (tmp_path / "handbook.yml").write_text("journey: []\n", "utf-8")
    for command in ("coverage", "review"):
        run = run_cli(command, cwd=tmp_path)
        assert run.exit_code == 2
        assert "handbook.yml:1:10: field “journey” lists nothing" in run.stderr


def test_handbook_findings_can_be_suppressed_in_handbook_yml(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    handbook = tmp_path / "gaps"
    shutil.copytree(GAPS, handbook)
    profile = handbook / "handbook.yml"
    text = profile.read_text("utf-8").replace(
        "  - id: discover  # expect: CMP001",
        "  # stdlint-disable-next-line CMP001 -- discovery is marketing's, not service's\n"
        "  - id: discover",
    )
    profile.write_text(text, "utf-8")
    report = run_cli("check", "--format", "json", "--today", "2026-06-01", cwd=handbook).json()
    stage_findings = [
        (d["path"], d["line"]) for d in report["diagnostics"] if d["code"] == "CMP001"
    ]
    assert stage_findings == [("handbook.yml", 7)]
    assert report["suppressed"] == 1
    json.dumps(report)
