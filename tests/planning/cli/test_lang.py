"""planning/cli/lang.py: Click's own lines (errors, usage, the help hint) come from the one
catalogue, in the language of ``--lang`` (else ``DI_LANG``), Latvian or English (issue 12)."""

from __future__ import annotations

import ast
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from planning import i18n
from planning.cli import lang
from planning.cli.main import main

CLICK_SOURCE = Path(click.__file__).parent


def run(args: list[str], env: dict[str, str] | None = None) -> list[str]:
    result = CliRunner().invoke(main, args, prog_name="di-plan",
                                env={"DI_LANG": "", "LANG": "C", **(env or {})})
    assert result.exit_code == 2, result.output
    return result.output.splitlines()


@pytest.mark.parametrize(("args", "lines"), [
    (["--lang", "lv", "solve", "--bogus"],
     ["Lietojums: di-plan solve [OPTIONS]", "Palīdzība: 'di-plan solve --help'.", "",
      "Kļūda: Nav tādas opcijas '--bogus'."]),
    (["--lang", "en", "solve", "--bogus"],
     ["Usage: di-plan solve [OPTIONS]", "Try 'di-plan solve --help' for help.", "",
      "Error: No such option '--bogus'."]),
    (["--lang", "lv", "user", "add"],
     ["Lietojums: di-plan user add [OPTIONS] USERNAME",
      "Palīdzība: 'di-plan user add --help'.", "", "Kļūda: Trūkst argumenta 'USERNAME'."]),
    (["--lang", "en", "user", "add"],
     ["Usage: di-plan user add [OPTIONS] USERNAME", "Try 'di-plan user add --help' for help.",
      "", "Error: Missing argument 'USERNAME'."]),
])
def test_unknown_option_and_missing_argument_in_the_chosen_language(args, lines) -> None:
    assert run(args) == lines


@pytest.mark.parametrize(("args", "error"), [
    (["--lang", "lv", "solve", "--solver", "nope"],
     "Kļūda: Nederīga vērtība '--solver': 'nope' nav neviena no: 'highs', 'cbc'."),
    (["--lang", "en", "solve", "--solver", "nope"],
     "Error: Invalid value for '--solver': 'nope' is not one of 'highs', 'cbc'."),
    (["--lang", "lv", "solve", "--time-limit", "abc"],
     "Kļūda: Nederīga vērtība '--time-limit': 'abc' nav derīgs skaitlis (float)."),
    (["--lang", "en", "solve", "--time-limit", "abc"],
     "Error: Invalid value for '--time-limit': 'abc' is not a valid float."),
    (["--lang", "lv", "evaluate", "--plan", "nav.xlsx"],
     "Kļūda: Nederīga vērtība '--plan': Fails 'nav.xlsx' neeksistē."),
    (["--lang", "en", "evaluate", "--plan", "nav.xlsx"],
     "Error: Invalid value for '--plan': File 'nav.xlsx' does not exist."),
])
def test_a_bad_value_in_the_chosen_language(args, error) -> None:
    lines = run(args)
    assert lines[-1] == error
    assert lines[0].startswith("Lietojums: " if args[1] == "lv" else "Usage: ")


@pytest.mark.parametrize(("env", "first", "error"), [
    ("lv", "Lietojums: ", "Kļūda: Nav tādas opcijas '--regio'. Vai domājāt '--region'?"),
    ("en", "Usage: ", "Error: No such option '--regio'. Did you mean '--region'?"),
])
def test_without_lang_the_environment_chooses(env, first, error) -> None:
    lines = run(["solve", "--regio", "Kurzeme"], {"DI_LANG": env})
    assert lines[0].startswith(first) and lines[-1] == error


def test_an_error_of_the_root_options_in_the_chosen_language() -> None:
    """The arguments fail to parse before ``--lang`` is read: the language is still known."""
    assert run(["--lang", "lv", "--bogus"], {"DI_LANG": "en"})[-1] == (
        "Kļūda: Nav tādas opcijas '--bogus'.")
    assert run(["--lang", "lv", "solve", "--region"], {"DI_LANG": "en"}) == [
        "Kļūda: Opcijai '--region' vajag vērtību."]


def test_a_command_line_leaves_no_language_behind() -> None:
    run(["--lang", "lv", "solve", "--bogus"], {"DI_LANG": "en"})
    assert lang.cli_lang() == lang.env_lang()
    assert click.exceptions._("Error: {message}") == i18n.t("cli.click.error", lang.env_lang())


@pytest.mark.parametrize(("args", "expected"), [
    (["--lang", "en", "solve"], "en"), (["--lang=lv", "solve"], "lv"),
    (["--bogus", "--lang", "lv"], "lv"), (["--lang", "xx", "solve"], None),
    (["--lang"], None), (["solve", "--lang", "en"], None),
    (["export", "template", "needs", "--lang", "en"], None),  # the file's language
])
def test_lang_in_args_is_the_root_option_only(args, expected) -> None:
    assert lang.lang_in_args(args) == expected


def click_texts() -> tuple[set[str], dict[str, str]]:
    """What Click's source asks gettext for: its texts, and each plural's singular -> plural."""
    texts, plurals = set(), {}
    for path in CLICK_SOURCE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            words = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if node.func.id == "_" and words:
                texts.add(words[0])
            elif node.func.id == "ngettext" and len(words) >= 2:
                plurals[words[0]] = words[1]
    return texts, plurals


def test_the_catalogue_has_click_texts_as_click_writes_them_in_english() -> None:
    """Each mapped text is one Click asks for (a Click upgrade that rewords one fails here),
    and its English text in the catalogue is Click's own."""
    texts, plurals = click_texts()
    for message, key in {**lang.CLICK_TEXTS, **lang.CLICK_NAMES}.items():
        assert message in texts, f"Click no longer asks for {message!r}"
        assert i18n.t(key, "en") == message
        assert i18n.t(key, "lv") != message, f"{key} is not translated"
    for singular, key in lang.CLICK_PLURALS.items():
        assert singular in plurals, f"Click no longer asks for {singular!r}"
        assert i18n.catalogue("en").get(key).string == (singular, plurals[singular])
        assert len(set(i18n.catalogue("lv").get(key).string) & {singular, plurals[singular]}) == 0


@pytest.mark.parametrize(("code", "expected"), [
    ("lv", ["Opcijai {name!r} vajag vērtību.", "Opcijai {name!r} vajag {nargs} vērtības.",
            "Opcijai {name!r} vajag {nargs} vērtību."]),
    ("en", ["Option {name!r} requires an argument.",
            "Option {name!r} requires {nargs} arguments.",
            "Option {name!r} requires {nargs} arguments."]),
])
def test_click_plurals_take_the_form_of_the_language(code, expected) -> None:
    """Latvian has three forms (1 / 2 / 0), English two."""
    with click.Context(main, info_name="di-plan") as ctx:
        ctx.params["lang"] = code
        shown = [click.parser.ngettext("Option {name!r} requires an argument.",
                                       "Option {name!r} requires {nargs} arguments.", n)
                 for n in (1, 2, 0)]
    assert shown == expected
