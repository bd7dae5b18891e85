"""Rules rendered as readable Dutch, generated from the same rule the engine evaluates.

An instrument page shows "Aangewezen als al het volgende geldt: ..." built from the rule
tree and the model's own sentences, so the text an officer reads cannot drift from the
logic the tool applies.
"""

from __future__ import annotations

from typing import Optional

from assessor.logic import And, Has, Node, Not, Or, Predicate, Ref
from assessor.model import CHOICE, Model


def atom_sentence(model: Model, node: Node, negated: bool = False) -> str:
    """The sentence that holds when the atom is true (or false, when ``negated``)."""
    if isinstance(node, Ref):
        definition = model.definitions[node.name]
        return definition.when_false if negated else definition.when_true
    if isinstance(node, Predicate):
        fact = model.facts[node.fact]
        if node.name == "leeg":
            if negated:
                return f"{fact.short}: minstens één antwoord gekozen."
            return fact.statements["leeg"]
        positive = node.name == "ja"
        return fact.statements["ja" if positive != negated else "nee"]
    assert isinstance(node, Has)
    fact = model.facts[node.fact]
    phrase = fact.value(node.value).phrase
    if fact.type == CHOICE:
        sentence = fact.statements["waar"].format(waarde=phrase)
        return f"Niet zo: {sentence[0].lower()}{sentence[1:]}" if negated else sentence
    return fact.statements["onwaar" if negated else "waar"].format(waarde=phrase)


def _is_atom(node: Node) -> bool:
    return isinstance(node, (Ref, Predicate, Has)) or (isinstance(node, Not) and _is_atom(node.part))


def _lines(model: Model, node: Node, depth: int) -> list[str]:
    indent = "    " * depth
    if isinstance(node, Not) and _is_atom(node.part):
        inner = node.part
        negated = True
        while isinstance(inner, Not):
            inner, negated = inner.part, not negated
        return [f"{indent}- {atom_sentence(model, inner, negated)}"]
    if _is_atom(node):
        return [f"{indent}- {atom_sentence(model, node)}"]
    if isinstance(node, Not):
        return [f"{indent}- het volgende geldt **niet**:"] + _lines(model, node.part, depth + 1)
    head = "al het volgende:" if isinstance(node, And) else "minstens één van het volgende:"
    out = [f"{indent}- {head}"]
    for part in node.parts:  # type: ignore[union-attr]
        out.extend(_lines(model, part, depth + 1))
    return out


def condition_sentence(model: Model, node: Optional[Node]) -> str:
    """A step's condition as one sentence when it is one (negated) fact or definition, so the
    instrument page can say when a step fits; "" for no condition or a longer one."""
    negated = False
    while isinstance(node, Not):
        node, negated = node.part, not negated
    if node is None or not isinstance(node, (Ref, Predicate, Has)):
        return ""
    return atom_sentence(model, node, negated)


def rule_markdown(model: Model, node: Node) -> str:
    """A Markdown list; the top level reads on from a lead such as "Aangewezen als ..."."""
    if isinstance(node, (And, Or)):
        lead = "al het volgende geldt:" if isinstance(node, And) else "minstens één van het volgende geldt:"
        body = [line for part in node.parts for line in _lines(model, part, 0)]
        return lead + "\n\n" + "\n".join(body)
    return "het volgende geldt:\n\n" + "\n".join(_lines(model, node, 0))
