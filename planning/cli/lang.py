"""The language of ``di-plan``: ``--lang``, else ``DI_LANG``, else the language of ``LANG``,
else Latvian. Help and messages are texts of the catalogue, rendered when they are shown."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import click

from planning import i18n


def env_lang(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for (``DI_LANG``, then ``LANG``), else Latvian."""
    env = os.environ if environ is None else environ
    for name in ("DI_LANG", "LANG"):
        code = env.get(name, "")[:2].lower()
        if code in i18n.LANGS:
            return code
    return i18n.DEFAULT_LANG


def cli_lang(ctx: click.Context | None = None) -> str:
    """The language of this command line: the root's ``--lang`` or :func:`env_lang`."""
    ctx = ctx or click.get_current_context(silent=True)
    chosen = ctx.find_root().params.get("lang") if ctx is not None else None
    return chosen or env_lang()


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


class TextFormatter(click.HelpFormatter):
    """Click's help layout with the usage prefix and section headings of the catalogue."""

    HEADINGS = {"Options": "cli.help.options", "Commands": "cli.help.commands"}

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix or tr("cli.help.usage") + " ")

    def section(self, name: str) -> Any:
        key = self.HEADINGS.get(name)
        return super().section(tr(key) if key else name)


class TextContext(click.Context):
    formatter_class = TextFormatter


class TextCommand(click.Command):
    """A command whose help is ``text=msg(...)``, shown in the command line's language."""

    context_class = TextContext

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
