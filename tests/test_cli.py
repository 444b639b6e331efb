"""The command line: the real console script on the demo plan and on broken files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomms._cli import _documents, cli
from crisiscomms.samples import demo_plan, demo_situation

NOW = "2026-11-24T11:00+01:00"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo plan and situation as JSON and YAML files."""
    import yaml

    folder = tmp_path_factory.mktemp("plans")
    plan = json.loads(demo_plan().to_json())
    situation = json.loads(demo_situation().model_dump_json())
    paths = {
        "plan": folder / "plan.json",
        "plan_yaml": folder / "plan.yaml",
        "situation": folder / "situation.json",
    }
    paths["plan"].write_text(json.dumps(plan, ensure_ascii=False, indent=2), encoding="utf-8")
    paths["plan_yaml"].write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    paths["situation"].write_text(json.dumps(situation), encoding="utf-8")
    return paths


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def _script() -> list[str]:
    found = shutil.which("crisiscomms", path=str(Path(sys.executable).parent))
    assert found is not None, "the crisiscomms console script is not installed"
    return [found]


class TestConsoleScript:
    def test_the_installed_script_prints_the_schema(self) -> None:
        """`crisiscomms schema` runs as a real process and prints the plan's JSON Schema."""
        done = subprocess.run(
            [*_script(), "schema"], capture_output=True, text=True, check=False, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["title"] == "Plan"

    def test_the_installed_script_lints_as_the_library_does(self, files: dict[str, Path]) -> None:
        """The real `lint` process (its start-up cut short) prints `lint_plan`'s findings."""
        from crisiscomms import lint_plan, load_plan

        report = lint_plan(
            load_plan(json.loads(files["plan"].read_text(encoding="utf-8"))),
            now=datetime.fromisoformat(NOW),
        )
        outputs = {}
        for output in ("text", "json"):
            done = subprocess.run(
                [*_script(), "lint", str(files["plan"]), "--now", NOW, "--format", output],
                capture_output=True,
                text=True,
                check=False,
                timeout=120,
            )
            assert done.returncode == 1, done.stderr
            outputs[output] = done.stdout
        found = json.loads(outputs["json"])["findings"]
        assert [(f["code"], f["subject"], f["message"]) for f in found] == [
            (f.code, f.subject, f.message) for f in report.findings
        ]
        printed = outputs["text"].splitlines()[:-1]
        assert [
            line.split(": ", 1)[-1] if line.startswith(str(files["plan"])) else line
            for line in printed
        ] == [str(f) for f in report.findings]

    def test_python_dash_m_runs_the_same_command_line(self) -> None:
        """`python -m crisiscomms --help` lists the commands."""
        done = subprocess.run(
            [sys.executable, "-m", "crisiscomms", "--help"],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert "deadlines" in done.stdout

    def test_a_missing_file_is_one_line_and_status_2(self, tmp_path: Path) -> None:
        """A user's mistake never prints a traceback."""
        done = subprocess.run(
            [*_script(), "deadlines", str(tmp_path / "nope.json"), str(tmp_path / "s.json")],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert done.returncode == 2
        assert "no such file" in done.stderr
        assert "Traceback" not in done.stderr


class TestCommands:
    def test_deadlines_of_the_demo(self, files: dict[str, Path]) -> None:
        """The demo's first statements are missed at 11:00: status 1, listed in JSON."""
        code, out, _ = _run(
            "deadlines",
            str(files["plan"]),
            str(files["situation"]),
            "--now",
            NOW,
            "--format",
            "json",
        )
        assert code == 1
        rows = json.loads(out)
        assert {
            "deadline": "obligation/gdpr-art33",
            "kind": "obligation",
            "due": "2026-11-27T08:40:00+01:00",
            "status": "pending",
        } in rows

    def test_deadlines_read_a_yaml_plan(self, files: dict[str, Path]) -> None:
        """A YAML plan gives the same deadlines as the JSON one."""
        as_json = _run("deadlines", str(files["plan"]), str(files["situation"]), "--now", NOW)
        as_yaml = _run("deadlines", str(files["plan_yaml"]), str(files["situation"]), "--now", NOW)
        assert as_yaml == as_json

    def test_draft_prints_every_target(self, files: dict[str, Path]) -> None:
        """`draft` prints each draft and the gap of the demo."""
        code, out, _ = _run("draft", str(files["plan"]), str(files["situation"]), "--now", NOW)
        assert "== customers/sms/fr_FR [" in out
        assert "== customers/instagram/fr_FR [gap]" in out
        assert code in {0, 1}

    def test_draft_as_json_records(self, files: dict[str, Path]) -> None:
        """`draft --format json` gives the DraftSet's records."""
        _, out, _ = _run(
            "draft", str(files["plan"]), str(files["situation"]), "--now", NOW, "--format", "json"
        )
        targets = {row["target"] for row in json.loads(out)}
        assert "customers/sms/fr_FR" in targets

    def test_check_a_post_against_the_plan(self, files: dict[str, Path]) -> None:
        """A link outside the plan's domains is an error: status 1."""
        code, out, _ = _run(
            "check", "Infos: https://evil.example", "--channel", "x", "--plan", str(files["plan"])
        )
        assert code == 1
        assert "SEC006" in out

    def test_check_a_clean_post_as_json(self) -> None:
        """A clean post exits 0 and reports its length in the platform's unit."""
        code, out, _ = _run("check", "Service restored.", "--channel", "sms", "--format", "json")
        assert code == 0
        result = json.loads(out)
        assert (result["length"], result["limit"], result["fits"]) == (17, 1600, True)
        assert result["findings"] == []

    def test_an_unknown_platform_is_a_usage_error(self) -> None:
        """An unknown channel name says which exist, status 2."""
        code, _, err = _run("check", "hello", "--channel", "myspace")
        assert code == 2
        assert "myspace" in err


class TestBrokenInput:
    def test_a_broken_plan_names_each_problem_with_its_line(self, tmp_path: Path) -> None:
        """Problems of a YAML plan point at its lines; status 1."""
        plan = tmp_path / "plan.yaml"
        plan.write_text(
            "name: Draft\ndefault_locale: fr_FR\ntimezone: Europe/Pariss\n", encoding="utf-8"
        )
        situation = tmp_path / "s.json"
        situation.write_text("{}", encoding="utf-8")
        code, _, err = _run("deadlines", str(plan), str(situation), "--now", NOW)
        assert code == 1
        assert f"{plan}:3: timezone:" in err

    def test_a_naive_yaml_timestamp_is_refused(
        self, tmp_path: Path, files: dict[str, Path]
    ) -> None:
        """YAML's naive timestamps are refused like any naive datetime."""
        situation = json.loads(files["situation"].read_text(encoding="utf-8"))
        situation["detected_at"] = "2026-11-24T08:40:00"
        path = tmp_path / "s.yaml"
        import yaml

        path.write_text(yaml.safe_dump(situation).replace("'", ""), encoding="utf-8")
        code, _, err = _run("deadlines", str(files["plan"]), str(path), "--now", NOW)
        assert code == 1
        assert "detected_at" in err

    @pytest.mark.parametrize(
        ("name", "text", "says"),
        [("p.json", "{", "not valid JSON"), ("p.yaml", "a: [", "not valid YAML")],
    )
    def test_a_file_that_does_not_parse_is_status_2(
        self, tmp_path: Path, name: str, text: str, says: str
    ) -> None:
        """Bad JSON or YAML: one message with the position."""
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        code, _, err = _run("deadlines", str(path), str(path))
        assert code == 2
        assert says in err

    @pytest.mark.parametrize("value", ["tomorrow", "2026-11-24T11:00"])
    def test_a_bad_now_is_status_2(self, files: dict[str, Path], value: str) -> None:
        """`--now` must be an aware ISO 8601 instant."""
        code, _, err = _run(
            "deadlines", str(files["plan"]), str(files["situation"]), "--now", value
        )
        assert code == 2
        assert "--now" in err


class TestLintAndCap:
    def test_lint_prints_findings_on_their_lines(self, files: dict[str, Path]) -> None:
        """`lint` names each finding with the plan file's line, and exits 1 on errors."""
        code, out, _ = _run("lint", str(files["plan"]), "--now", NOW)
        assert code == 1
        line = next(x for x in out.splitlines() if "PLN021 [breach-instagram-fr]" in x)
        number = int(line.split(":")[1])
        lines = files["plan"].read_text(encoding="utf-8").splitlines()
        below = lines[number - 1 :]
        first_id = next(x.strip() for x in below if x.strip().startswith('"id":'))
        assert first_id == '"id": "breach-instagram-fr",'
        assert out.splitlines()[-1].endswith("readiness 98%")

    def test_lint_as_sarif(self, files: dict[str, Path]) -> None:
        """SARIF 2.1.0: every finding a result with its rule, level and location."""
        code, out, _ = _run("lint", str(files["plan_yaml"]), "--now", NOW, "--format", "sarif")
        assert code == 1
        sarif = json.loads(out)
        assert sarif["version"] == "2.1.0"
        (run,) = sarif["runs"]
        rules = {rule["id"] for rule in run["tool"]["driver"]["rules"]}
        results = run["results"]
        assert {r["ruleId"] for r in results} == rules
        instagram = next(r for r in results if "[breach-instagram-fr]" in r["message"]["text"])
        assert instagram["level"] == "error"
        region = instagram["locations"][0]["physicalLocation"]["region"]
        lines = files["plan_yaml"].read_text(encoding="utf-8").splitlines()
        # The region is the template's first line; the first id below it is the template's.
        below = lines[region["startLine"] - 1 :]
        first_id = next(x.strip() for x in below if x.strip().startswith(("id:", "- id:")))
        assert first_id.endswith("id: breach-instagram-fr")

    def test_lint_as_json(self, files: dict[str, Path]) -> None:
        """JSON: the readiness figure and every finding."""
        _, out, _ = _run("lint", str(files["plan"]), "--now", NOW, "--format", "json")
        result = json.loads(out)
        assert result["ok"] is False
        assert round(result["readiness"], 2) == 0.98

    def test_cap_prints_an_alert(self, files: dict[str, Path]) -> None:
        """`cap` prints the CAP 1.2 alert of the crisis, valid XML with its identifier."""
        import xml.etree.ElementTree as ET

        code, out, _ = _run(
            "cap",
            str(files["plan"]),
            str(files["situation"]),
            "--now",
            NOW,
            "--sender",
            "alerts@lumea.fr",
            "--identifier",
            "lumea-1",
            "--area",
            "France",
        )
        assert code == 0
        root = ET.fromstring(out.encode("utf-8"))
        assert root.tag == "{urn:oasis:names:tc:emergency:cap:1.2}alert"
        assert out.count("<info>") == 2

    def test_cap_refuses_a_bad_sender(self, files: dict[str, Path]) -> None:
        """A sender with a space is the library's error, one line, status 1."""
        code, _, err = _run(
            "cap",
            str(files["plan"]),
            str(files["situation"]),
            "--now",
            NOW,
            "--sender",
            "Lumea Paris",
            "--identifier",
            "x",
        )
        assert code == 1
        assert "sender" in err


_JSON_TEXT = st.text(
    st.characters(categories=("L", "N", "P"), include_characters=' "\\'), max_size=12
)
_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _JSON_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_JSON_TEXT, inner, max_size=4),
    max_leaves=20,
)


class TestJsonLines:
    def test_demo_plan_lines_are_the_yaml_composers(self, files: dict[str, Path]) -> None:
        """The JSON scan gives each key and item of the demo plan file the composer's line."""
        import yaml

        text = files["plan"].read_text(encoding="utf-8")
        expected = _documents._node_lines(yaml.compose(text, Loader=_documents._loader()))
        assert _documents._json_lines(text) == expected
        assert len(expected) > 1000

    @given(_JSON_VALUES, st.sampled_from([None, 0, 1, 2]))
    @settings(max_examples=300, deadline=None)
    def test_any_json_lines_are_the_yaml_composers(
        self, value: object, indent: int | None
    ) -> None:
        """On any JSON document, the scan's lines equal the YAML composer's."""
        import yaml

        text = json.dumps(value, indent=indent, ensure_ascii=False)
        node = yaml.compose(text, Loader=_documents._loader())
        expected = _documents._node_lines(node) if node is not None else {}
        assert _documents._json_lines(text) == expected


def _first_line_scanned(document: _documents.Document, subject: str) -> int | None:
    """The line of the first element whose id or name is `subject`, scanning every item."""
    data = document.data
    if not subject or not isinstance(data, dict):
        return None
    for section, items in data.items():
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and subject in (item.get("id"), item.get("name")):
                return document.line_of(f"{section}[{index}]")
    return None


class TestSubjectLines:
    def test_every_id_of_the_demo_plan_is_on_its_first_elements_line(
        self, files: dict[str, Path]
    ) -> None:
        """The index built on the first look-up gives the line a scan of every item gives."""
        document = _documents.read_document(files["plan_yaml"])
        names = {
            key
            for items in document.data.values()
            if isinstance(items, list)
            for item in items
            if isinstance(item, dict)
            for key in (item.get("id"), item.get("name"))
            if isinstance(key, str)
        }
        assert len(names) > 50
        for subject in sorted(names | {"", "no-such-id"}):
            assert _documents.subject_line(document, subject) == _first_line_scanned(
                document, subject
            )

    @given(_JSON_VALUES, st.sampled_from(["", "a", "0", "id"]))
    @settings(max_examples=200, deadline=None)
    def test_any_document_gives_the_scans_line(self, value: object, subject: str) -> None:
        """On any JSON document, shaped like a plan or not, the index agrees with the scan."""
        text = json.dumps({"items": [value, {"id": value}, {"name": subject}], "x": value})
        document = _documents.Document(
            json.loads(text), Path("plan.json"), _documents._json_lines(text)
        )
        assert _documents.subject_line(document, subject) == _first_line_scanned(document, subject)
        listed = _documents.Document([value], Path("plan.json"), {})
        assert _documents.subject_line(listed, subject) is None
