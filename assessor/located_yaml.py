"""YAML with line numbers: every key and list item remembers where it was written.

Advisors edit YAML by hand; an error must point at the line to fix, also for errors found
long after parsing (a rule naming an unknown fact, a schema violation). PyYAML's node tree
has the positions; this turns it into plain data plus a path -> line table, and refuses
duplicate keys, which PyYAML would otherwise silently overwrite.

Needs PyYAML, so only the CLI and the build import it; the browser never does.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Union

import yaml

Path = tuple[Union[str, int], ...]


class YamlProblem(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Located:
    data: Any
    file: str
    lines: dict[Path, int] = field(default_factory=dict)
    first_line: int = 1

    def line(self, path: Path) -> int:
        """The line of ``path``, or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        top_level = [line for key, line in self.lines.items() if len(key) == 1]
        return min(top_level, default=self.first_line)


_constructor = yaml.constructor.SafeConstructor()


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _convert(node: yaml.Node, path: Path, lines: dict[Path, int], offset: int) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(key_node.start_mark.line + 1 + offset, "een sleutel moet een eenvoudige naam zijn")
            key = _scalar(key_node, offset)
            if isinstance(key, bool):
                key = "ja" if key else "nee"
            key = str(key) if not isinstance(key, str) else key
            line = key_node.start_mark.line + 1 + offset
            if key in result:
                raise YamlProblem(line, f"'{key}' staat twee keer in dezelfde lijst (dubbele sleutel)")
            lines[path + (key,)] = line
            result[key] = _convert(value_node, path + (key,), lines, offset)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1 + offset
            items.append(_convert(item, path + (index,), lines, offset))
        return items
    return _scalar(node, offset)


def _scalar(node: yaml.Node, offset: int) -> Any:
    """A plain value; a date that does not exist (2023-02-30) is a mistake at its own line."""
    try:
        return _plain(_constructor.construct_object(node))
    except ValueError:
        raise YamlProblem(node.start_mark.line + 1 + offset,
                          f"'{node.value}' is geen bestaande datum; schrijf een echte datum als JJJJ-MM-DD") from None


#: libyaml's parser when PyYAML has it (its wheels do): the same nodes and line marks, about ten
#: times faster than the pure-Python one, which was most of the time of compiling content.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_located(text: str, file: str, first_line: int = 1) -> Located:
    """Parse YAML text that starts at ``first_line`` of ``file``."""
    offset = first_line - 1
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        raise YamlProblem(line, f"geen geldige YAML: {error.problem or error.context}") from None
    except yaml.YAMLError as error:
        raise YamlProblem(first_line, f"geen geldige YAML: {error}") from None
    lines: dict[Path, int] = {}
    data = None if node is None else _convert(node, (), lines, offset)
    return Located(data, file, lines, first_line)


def split_front_matter(text: str) -> tuple[str, int, str, int]:
    """(front matter, its first line, body, body's first line) of a Markdown file.

    Raises ``YamlProblem`` when the file does not open with a ``---`` block.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise YamlProblem(1, "het bestand moet beginnen met '---' en de gegevens (front matter)")
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), 2, "".join(lines[index + 1:]), index + 2
    raise YamlProblem(1, "de gegevens bovenaan (front matter) worden niet afgesloten met '---'")
