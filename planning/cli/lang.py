"""The language of ``di-plan``: ``--lang``, else ``DI_LANG``, else the language of ``LANG``,
else Latvian. Help and messages are texts of the catalogue, rendered when they are shown.

Click's own lines ("Error: …", "Usage:", "Try … for help.", "No such option …", "Missing
argument …", "Invalid value for …") come from the same catalogue: Click asks
``gettext.gettext`` / ``ngettext`` for them, by their English text, from its own modules;
:func:`install_click_texts` (run on import) puts :func:`click_gettext` and
:func:`click_ngettext` there instead, which give the catalogue's text of ``CLICK_TEXTS`` /
``CLICK_PLURALS`` in the command line's language (their English texts are Click's own, so
English output is unchanged). Click's messages for programming errors (a command declared
wrongly) and for features di-plan does not use stay as Click writes them.
"""

from __future__ import annotations

import gettext
import importlib
import os
import sys
from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from typing import Any

import click

from planning import i18n

# Click's texts a user of di-plan can see -> the ids of the same texts in the catalogue.
CLICK_TEXTS: dict[str, str] = {
    "Usage:": "cli.help.usage",
    "Options": "cli.help.options",
    "Commands": "cli.help.commands",
    "Show this message and exit.": "cli.help.help",
    "Error: {message}": "cli.click.error",
    "Try '{command} {option}' for help.": "cli.click.try_help",
    "Aborted!": "cli.click.aborted",
    "Missing command.": "cli.click.missing_command",
    "No such command {name!r}.": "cli.click.no_such_command",
    "No such option {name!r}.": "cli.click.no_such_option",
    "Option {name!r} does not take a value.": "cli.click.takes_no_value",
    "Argument {name!r} takes {nargs} values.": "cli.click.argument_values",
    "Missing argument": "cli.click.missing_argument",
    "Missing option": "cli.click.missing_option",
    "Missing parameter": "cli.click.missing_parameter",
    "Missing {param_type}": "cli.click.missing_type",
    "Missing parameter: {param_name}": "cli.click.missing_name",
    "Invalid value: {message}": "cli.click.invalid",
    "Invalid value for {param_hint}: {message}": "cli.click.invalid_for",
    "Value must be an iterable.": "cli.click.iterable",
    "Choose from:\n\t{choices}": "cli.click.choose_from",
    "{value!r} is not a valid {number_type}.": "cli.click.not_a_number",
    "{value} is not in the range {range}.": "cli.click.not_in_range",
    "{value!r} is not a valid boolean. Recognized values: {states}": "cli.click.not_a_boolean",
    "{name} {filename!r} does not exist.": "cli.click.path_missing",
    "{name} {filename!r} is a file.": "cli.click.path_is_file",
    "{name} {filename!r} is a directory.": "cli.click.path_is_directory",
    "{name} {filename!r} is not readable.": "cli.click.path_unreadable",
    "{name} {filename!r} is not writable.": "cli.click.path_unwritable",
    "{name} {filename!r} is not executable.": "cli.click.path_not_executable",
    "Could not open file {filename!r}: {message}": "cli.click.cannot_open",
    "unknown error": "cli.click.unknown_error",
    "Repeat for confirmation": "cli.click.repeat",
    "Error: The two entered values do not match.": "cli.click.no_match",
    "Error: invalid input": "cli.click.invalid_input",
}
# Click's texts with a singular and a plural (by the singular) -> plural ids of the catalogue.
CLICK_PLURALS: dict[str, str] = {
    "Did you mean {possibility}?": "cli.click.did_you_mean",
    "Got unexpected extra argument ({args})": "cli.click.extra_arguments",
    "Takes {nargs} values but 1 was given.": "cli.click.values_given",
    "Option {name!r} requires an argument.": "cli.click.requires_argument",
    "{value!r} is not {choice}.": "cli.click.not_a_choice",
}
# The names Click gives a path when it makes a ``click.Path`` (on import, before any
# language is known): kept as :class:`ClickName`, put in the language when shown.
CLICK_NAMES: dict[str, str] = {
    "file": "cli.click.name_file", "directory": "cli.click.name_directory",
    "path": "cli.click.name_path",
}
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types")
# The language of the command line being run, for Click's lines shown after its context has
# ended (an error is shown once the command it stopped has closed).
_RUNNING_LANG: ContextVar[str | None] = ContextVar("di_plan_lang", default=None)


def env_lang(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for (``DI_LANG``, then ``LANG``), else Latvian."""
    env = os.environ if environ is None else environ
    for name in ("DI_LANG", "LANG"):
        code = env.get(name, "")[:2].lower()
        if code in i18n.LANGS:
            return code
    return i18n.DEFAULT_LANG


def cli_lang(ctx: click.Context | None = None) -> str:
    """The language of this command line: the root's ``--lang`` (of the running command
    line when no context is open), or :func:`env_lang`."""
    ctx = ctx or click.get_current_context(silent=True)
    chosen = ctx.find_root().params.get("lang") if ctx is not None else None
    return chosen or _RUNNING_LANG.get() or env_lang()


def lang_in_args(args: Sequence[str]) -> str | None:
    """The ``--lang`` given before the command (``--lang lv``, ``--lang=lv``), if a known one:
    what the root's ``--lang`` will be, known even when the arguments fail to parse. One given
    after the command is that command's own (a file's language)."""
    words = list(args)
    for i, word in enumerate(words):
        if word == "--lang":
            value = words[i + 1] if i + 1 < len(words) else None
        elif word.startswith("--lang="):
            value = word.split("=", 1)[1]
        elif word.startswith("-"):
            continue
        else:
            return None
        return value if value in i18n.LANGS else None
    return None


class ClickName(str):
    """A name Click asks for on import (a path's "file"): English as text, and in the
    command line's language where Click shows it (``name.title()`` in its messages)."""

    key: str

    def __new__(cls, key: str) -> ClickName:
        self = super().__new__(cls, i18n.t(key, "en"))
        self.key = key
        return self

    def title(self) -> str:
        return i18n.t(self.key, cli_lang()).title()


def click_gettext(message: str) -> str:
    """Click's text ``message`` in the command line's language (the catalogue's), or as Click
    wrote it when it is not one of ``CLICK_TEXTS``."""
    if message in CLICK_NAMES:
        return ClickName(CLICK_NAMES[message])
    key = CLICK_TEXTS.get(message)
    return message if key is None else i18n.t(key, cli_lang())


def click_ngettext(singular: str, plural: str, n: int) -> str:
    """Click's text with a plural, in the command line's language: the catalogue's form for
    ``n`` (Latvian has three), or Click's English when it is not one of ``CLICK_PLURALS``."""
    key = CLICK_PLURALS.get(singular)
    if key is None:
        return singular if n == 1 else plural
    return i18n.plural_form(key, n, cli_lang())


def install_click_texts() -> None:
    """Make Click's modules ask :func:`click_gettext` / :func:`click_ngettext` for their
    texts (each imported ``gettext`` and ``ngettext`` by name)."""
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if getattr(module, "_", None) in (gettext.gettext, click_gettext):
            module._ = click_gettext
        if getattr(module, "ngettext", None) in (gettext.ngettext, click_ngettext):
            module.ngettext = click_ngettext


install_click_texts()


def tr(key: str, /, **values: object) -> str:
    """The text ``key`` in the command line's language."""
    return i18n.t(key, cli_lang(), **values)


class TextOption(click.Option):
    """An option whose help is ``text=msg(...)``, shown in the command line's language."""

    def __init__(self, *args: Any, text: i18n.Text, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.text = text

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        """The help with click's ``[default: …; required]`` note in the same language."""
        lang = cli_lang(ctx)
        self.help = i18n.render(self.text, lang)
        record = super().get_help_record(ctx)
        if record is None:
            return None
        spec, shown = record
        note = shown[len(self.help):].replace("default: ", i18n.t("cli.help.default", lang) + " ")
        return spec, self.help + note.replace("required]", i18n.t("cli.help.required", lang) + "]")


class TextCommand(click.Command):
    """A command whose help is ``text=msg(...)``, shown in the command line's language."""

    def __init__(self, *args: Any, text: i18n.Text, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.text = text

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = i18n.t("cli.help.help", cli_lang(ctx))
        return option

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.help = i18n.render(self.text, cli_lang(ctx))
        super().format_help_text(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        self.help = i18n.render(self.text, cli_lang())
        return super().get_short_help_str(limit)


class TextGroup(TextCommand, click.Group):
    """A group whose help is ``text=msg(...)``, shown in the command line's language."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        """Run the command line, its ``--lang`` known to Click's lines shown after the
        context of the command has ended (errors) and when its arguments fail to parse."""
        token = _RUNNING_LANG.set(lang_in_args(sys.argv[1:] if args is None else args))
        try:
            return super().main(args, *rest, **kwargs)
        finally:
            _RUNNING_LANG.reset(token)
