"""Three-valued (Kleene) rule logic: the notation advisors write rules in, parsed and evaluated.

Rules are plain text so that advisors can read and review them next to the law, e.g.
``ja(ernstig) and (soort(geluid) or huur) and not geprobeerd(buurtbemiddeling)``.
A fact left out of a case is *unknown*; Kleene logic keeps such a fact from silently
counting as "nee" while still deciding whatever the known facts already decide.

Truth values are ``True``, ``False`` and ``None`` (unknown).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator, Optional, Union

Truth = Optional[bool]

KEYWORDS = ("and", "or", "not")
#: Built-in predicates over a single fact: ``ja(x)``, ``nee(x)``, ``leeg(x)``.
FACT_PREDICATES = ("ja", "nee", "leeg")


class RuleSyntaxError(ValueError):
    """A rule that cannot be parsed; ``column`` is 1-based within the rule text."""

    def __init__(self, message: str, column: int):
        super().__init__(message)
        self.message = message
        self.column = column


@dataclass(frozen=True)
class And:
    parts: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    parts: tuple["Node", ...]


@dataclass(frozen=True)
class Not:
    part: "Node"


@dataclass(frozen=True)
class Predicate:
    """``ja(fact)``, ``nee(fact)`` or ``leeg(fact)``."""

    name: str
    fact: str


@dataclass(frozen=True)
class Has:
    """``fact(value)``: a choice fact equals ``value`` or a multiple-choice fact contains it.

    ``called_as`` keeps the name the advisor wrote (an alias such as ``soort``), so the
    rule can be shown back exactly as written.
    """

    fact: str
    value: str
    called_as: str


@dataclass(frozen=True)
class Ref:
    """A named definition (``huur``): a sub-rule with its own explanation."""

    name: str


Node = Union[And, Or, Not, Predicate, Has, Ref]
Atom = Union[Predicate, Has, Ref]

_TOKEN = re.compile(r"\s*(?:(?P<name>[a-z_][a-z0-9_]*)|(?P<punct>[()]))")


def _tokens(text: str) -> Iterator[tuple[str, int]]:
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            bad = pos + len(text[pos:]) - len(text[pos:].lstrip())
            raise RuleSyntaxError(f"onverwacht teken {text[bad]!r}", bad + 1)
        token = match.group("name") or match.group("punct")
        yield token, match.start(match.lastindex or 0) + 1
        pos = match.end()


class _Parser:
    def __init__(self, text: str, aliases: dict[str, str]):
        self.items = list(_tokens(text))
        self.index = 0
        self.aliases = aliases
        self.end_column = len(text.rstrip()) + 1

    def peek(self) -> tuple[Optional[str], int]:
        if self.index < len(self.items):
            return self.items[self.index]
        return None, self.end_column

    def take(self, expected: Optional[str] = None) -> tuple[str, int]:
        token, column = self.peek()
        if token is None:
            wanted = f"'{expected}'" if expected else "een voorwaarde"
            raise RuleSyntaxError(f"de regel houdt op waar {wanted} verwacht werd", column)
        if expected is not None and token != expected:
            raise RuleSyntaxError(f"'{expected}' verwacht maar '{token}' gevonden", column)
        self.index += 1
        return token, column

    def parse(self) -> Node:
        node = self.disjunction()
        token, column = self.peek()
        if token is not None:
            raise RuleSyntaxError(
                f"'{token}' verwacht hier 'and' of 'or' ervoor (of er staat een haakje te veel)", column
            )
        return node

    def disjunction(self) -> Node:
        parts = [self.conjunction()]
        while self.peek()[0] == "or":
            self.take()
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def conjunction(self) -> Node:
        parts = [self.negation()]
        while self.peek()[0] == "and":
            self.take()
            parts.append(self.negation())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def negation(self) -> Node:
        if self.peek()[0] == "not":
            self.take()
            return Not(self.negation())
        return self.atom()

    def atom(self) -> Node:
        token, column = self.take()
        if token == "(":
            node = self.disjunction()
            self.take(")")
            return node
        if token == ")" or token in KEYWORDS:
            raise RuleSyntaxError(f"een voorwaarde verwacht maar '{token}' gevonden", column)
        if self.peek()[0] != "(":
            return Ref(token)
        self.take("(")
        argument, arg_column = self.take()
        if argument in ("(", ")") or argument in KEYWORDS:
            raise RuleSyntaxError(f"een naam verwacht tussen de haakjes van {token}(...)", arg_column)
        self.take(")")
        if token in FACT_PREDICATES:
            return Predicate(token, argument)
        return Has(self.aliases.get(token, token), argument, token)


def parse(text: str, aliases: Optional[dict[str, str]] = None) -> Node:
    """Parse rule text. ``aliases`` maps short call names (``soort``) to fact ids."""
    return _Parser(text, aliases or {}).parse()


def atoms(node: Node) -> Iterator[Atom]:
    """Every atom of a rule, left to right (definitions are not expanded)."""
    if isinstance(node, (And, Or)):
        for part in node.parts:
            yield from atoms(part)
    elif isinstance(node, Not):
        yield from atoms(node.part)
    else:
        yield node


def to_text(node: Node, top: bool = True) -> str:
    """The rule back in the advisors' notation (canonical spacing and parentheses)."""
    if isinstance(node, (And, Or)):
        word = " and " if isinstance(node, And) else " or "
        text = word.join(to_text(part, top=False) for part in node.parts)
        return text if top else f"({text})"
    if isinstance(node, Not):
        return f"not {to_text(node.part, top=False)}"
    if isinstance(node, Predicate):
        return f"{node.name}({node.fact})"
    if isinstance(node, Has):
        return f"{node.called_as}({node.value})"
    return node.name


AtomValue = Callable[[Atom], Truth]


def evaluate(node: Node, value_of: AtomValue) -> Truth:
    """Kleene evaluation: false wins an 'and', true wins an 'or', otherwise unknown spreads."""
    if isinstance(node, And):
        values = [evaluate(part, value_of) for part in node.parts]
        if False in values:
            return False
        return None if None in values else True
    if isinstance(node, Or):
        values = [evaluate(part, value_of) for part in node.parts]
        if True in values:
            return True
        return None if None in values else False
    if isinstance(node, Not):
        value = evaluate(node.part, value_of)
        return None if value is None else not value
    return value_of(node)


def decisive_atoms(node: Node, value_of: AtomValue) -> tuple[Truth, list[tuple[Atom, Truth]]]:
    """The value of a rule and the atoms that decide it, for explaining the outcome.

    A false 'and' is explained by its false parts, a true 'or' by its true parts; a true
    'and' or a false 'or' needs all of its parts; an unknown result by its unknown parts.
    """
    if isinstance(node, Not):
        value, found = decisive_atoms(node.part, value_of)
        return (None if value is None else not value), found
    if isinstance(node, (And, Or)):
        results = [decisive_atoms(part, value_of) for part in node.parts]
        values = [value for value, _ in results]
        winner = False if isinstance(node, And) else True
        if winner in values:
            value: Truth = winner
        elif None in values:
            value = None
        else:
            value = not winner
        found: list[tuple[Atom, Truth]] = []
        for part_value, part_found in results:
            if part_value is value or value is (not winner):
                found.extend(part_found)
        return value, found
    value = value_of(node)
    return value, [(node, value)]
