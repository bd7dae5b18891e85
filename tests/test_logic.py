"""The rule notation: parsing, errors advisors see, and Kleene evaluation."""

import pytest

from assessor.logic import And, Has, Not, Or, Predicate, Ref, RuleSyntaxError, decisive_atoms, evaluate, parse, to_text


def test_precedence_not_binds_tighter_than_and_than_or():
    node = parse("ja(a) or not ja(b) and huur")
    assert node == Or((Predicate("ja", "a"), And((Not(Predicate("ja", "b")), Ref("huur")))))


def test_alias_call_keeps_the_name_written():
    node = parse("soort(geluid)", {"soort": "overlast_soorten"})
    assert node == Has("overlast_soorten", "geluid", "soort")
    assert to_text(node) == "soort(geluid)"


@pytest.mark.parametrize("text, column", [
    ("ja(a) and", 10),
    ("ja(a) ja(b)", 7),
    ("(ja(a)", 7),
    ("ja(a))", 6),
    ("ja(and)", 4),
    ("ja(a) & ja(b)", 7),
])
def test_syntax_errors_name_the_column(text, column):
    with pytest.raises(RuleSyntaxError) as error:
        parse(text)
    assert error.value.column == column


KLEENE = [True, False, None]


@pytest.mark.parametrize("a", KLEENE)
@pytest.mark.parametrize("b", KLEENE)
def test_kleene_truth_tables(a, b):
    values = {"a": a, "b": b}
    value_of = lambda atom: values[atom.fact]  # noqa: E731
    conj = evaluate(parse("ja(a) and ja(b)"), value_of)
    disj = evaluate(parse("ja(a) or ja(b)"), value_of)
    expected_and = False if False in (a, b) else (None if None in (a, b) else True)
    expected_or = True if True in (a, b) else (None if None in (a, b) else False)
    assert conj is expected_and
    assert disj is expected_or
    assert evaluate(parse("not ja(a)"), value_of) is (None if a is None else not a)


def test_decisive_atoms_explain_false_and_by_its_false_parts_only():
    values = {"a": True, "b": False, "c": None}
    value, found = decisive_atoms(parse("ja(a) and ja(b) and ja(c)"), lambda atom: values[atom.fact])
    assert value is False
    assert [atom.fact for atom, _ in found] == ["b"]


def test_decisive_atoms_of_unknown_are_the_unknown_parts():
    values = {"a": True, "b": None, "c": None}
    value, found = decisive_atoms(parse("ja(a) and (ja(b) or ja(c))"), lambda atom: values[atom.fact])
    assert value is None
    assert [atom.fact for atom, _ in found] == ["b", "c"]
