"""handbook.yml: policy settings take effect; every mistake in it is a positioned error, exit 2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import GOOD_STANDARD, PROFILE, Run


def _profile(handbook: Path, extra: str) -> None:
    (handbook / "handbook.yml").write_text(PROFILE + extra, "utf-8")


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "channels: [phone, email, phone]\n",
            "handbook.yml:3:26: “phone” appears more than once in “channels” — keep one of them",
        ),
        (
            "review:\n  every: every spring\n",
            "handbook.yml:4:10: field “review.every” is “every spring”,"
            " not a period such as “6 months”",
        ),
        (
            "required_sections: [rule, reasons]\n",
            "handbook.yml:3:27: field “required_sections[1]” is “reasons”;"
            " expected one of “rule”, “why”, “exceptions”, “verification”, “examples”",
        ),
        (
            "languages: [en, de]\n",
            "handbook.yml:2:17: field “languages[1]” is “de”; expected one of “en”, “ru”",
        ),
        (
            "journey: [{id: discover, titel: {en: Discover}}]\n",
            "handbook.yml:3:26: unknown field “journey[0].titel”",
        ),
        (
            "suppressions: {require_reason: sometimes}\n",
            "handbook.yml:3:32: field “suppressions.require_reason” must be true or false",
        ),
        # The error is at the end of the file: on its last line, not on a line past it.
        ("journey: [\n", "handbook.yml:3:11: the YAML cannot be read"),
        ("journey: []\n", "handbook.yml:3:10: field “journey” lists nothing"),
        (
            "journey: [{id: order}, {id: support}, {id: order}]\n",
            "handbook.yml:3:39: “order” appears more than once in “journey”",
        ),
        (
            "channels: [{id: chat, words: {de: [Plaudern]}}]\n",
            "handbook.yml:3:31: field “channels[0].words” is “de”; expected one of “en”, “ru”",
        ),
        (
            "standards: [standrds]\n",
            "handbook.yml:2:13: the standards folder “standrds” does not exist",
        ),
    ],
)
def test_profile_mistakes_are_positioned_errors(
    run_cli: Callable[..., Run], handbook: Path, extra: str, expected: str
) -> None:
    # The setting under test replaces the default profile's line of the same key.
    key = extra.split(":")[0] + ":"
    text = "".join(line for line in PROFILE.splitlines(keepends=True) if not line.startswith(key))
    (handbook / "handbook.yml").write_text(text + extra, "utf-8")
    run = run_cli("check", cwd=handbook)
    assert run.exit_code == 2
    assert expected in run.stderr, run.stderr
    assert "Traceback" not in run.stderr


def test_profile_errors_speak_russian_when_asked(
    run_cli: Callable[..., Run], handbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _profile(handbook, "chanels: [phone]\n")
    monkeypatch.setenv("STDLINT_LANG", "ru")
    from click.testing import CliRunner

    from stdlint.cli import main

    monkeypatch.chdir(handbook)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert (
        "handbook.yml:3:1: неизвестное поле «chanels» — возможно, имелось в виду «channels»?"
        in result.stderr
    )


def test_profile_not_utf8_is_a_configuration_error(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    (handbook / "handbook.yml").write_bytes("company: Волна\n".encode("cp1251"))
    run = run_cli("check", cwd=handbook)
    assert run.exit_code == 2
    assert "handbook.yml:1:1: cannot read the profile" in run.stderr


def test_required_sections_follow_the_profile(run_cli: Callable[..., Run], handbook: Path) -> None:
    text = GOOD_STANDARD.replace("phone-answer", "short").split("## Why")[0]
    (handbook / "standards" / "short.md").write_text(text, "utf-8")
    report = run_cli("check", "--format", "json", cwd=handbook).json()
    assert sorted(d["message"] for d in report["diagnostics"]) == [
        "the standard has no “How we check” section",
        "the standard has no “Why” section",
    ]
    _profile(handbook, "required_sections: [rule]\n")
    run = run_cli("check", "--format", "json", cwd=handbook)
    # Not required any more, a missing Why is only a warning that the reason is not given.
    assert [(d["code"], d["severity"]) for d in run.json()["diagnostics"]] == [
        ("ECO001", "warning")
    ]
    assert run.exit_code == 0


def test_reasonless_suppressions_can_be_allowed(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    text = GOOD_STANDARD.replace("phone-answer", "other").replace(
        "# Answering the phone", "# Answering calls <!-- stdlint-disable-line STR011 -->"
    )
    (handbook / "standards" / "suppressed.md").write_text(text, "utf-8")
    codes = [
        d["code"] for d in run_cli("check", "--format", "json", cwd=handbook).json()["diagnostics"]
    ]
    assert codes == ["STR013"]
    _profile(handbook, "suppressions: {require_reason: false}\n")
    report = run_cli("check", "--format", "json", cwd=handbook).json()
    assert report["diagnostics"] == []
    assert report["suppressed"] == 1


def test_excluded_files_are_not_checked(run_cli: Callable[..., Run], handbook: Path) -> None:
    (handbook / "standards" / "README.md").write_text("How to write a standard\n", "utf-8")
    assert run_cli("check", cwd=handbook).exit_code == 1
    _profile(handbook, "exclude: [standards/README.md]\n")
    run = run_cli("check", "--format", "json", cwd=handbook)
    assert run.json()["files"] == 1
    assert run.exit_code == 0
