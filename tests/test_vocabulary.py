"""The shipped vocabularies: categories with words and spheres, states and provinces."""

from __future__ import annotations

import pytest

from leadcli import vocabulary


def test_every_word_belongs_to_one_category() -> None:
    seen: dict[str, str] = {}
    for category in vocabulary.categories():
        for word in category.words:
            assert word not in seen, f"{word!r} is in {seen[word]} and {category.name}"
            seen[word] = category.name


@pytest.mark.parametrize(
    ("name", "known", "sphere"),
    [
        ("Realtor", "realtor", "home"),
        ("Estate lawyer", "attorney", "money and law"),
        ("Plumbing", "plumber", "trades"),
        ("Home Inspector", "home inspection", "home"),
        ("Commercial Printing", "printer", "business services"),
        ("Auto repair", "auto repair", None),
        ("HVAC Contractor", "hvac", "trades"),
        ("Roofing contractor", "roofer", "trades"),
        ("General contractor", "remodeling", "trades"),
    ],
)
def test_group_categories_are_known_by_their_words(name: str, known: str, sphere: str) -> None:
    found = vocabulary.category_for(name)
    assert found is not None and found.name == known
    assert vocabulary.sphere_of(name) == sphere


def test_an_unknown_category_is_none() -> None:
    assert vocabulary.category_for("Alpaca shearing") is None
    assert vocabulary.sphere_of("Alpaca shearing") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [("Idaho", "ID"), ("id", "ID"), ("Florida", "FL"), ("Québec", "QC"), ("ON", "ON")],
)
def test_states_and_provinces_by_name_or_code(text: str, code: str) -> None:
    found = vocabulary.place(text)
    assert found is not None and found.code == code


def test_a_city_is_not_a_state() -> None:
    assert vocabulary.place("Tampa") is None
    assert len({p.code for p in vocabulary.places()}) == len(vocabulary.places())


def test_a_lead_that_must_insure_names_insurance() -> None:
    from leadcli.rules import GroupProfile

    group = GroupProfile.build([])
    found = group.find("He must insure six new trucks before they go on the road.")
    assert [(h.owner, h.words) for h in found] == [(("category", "insurance"), "insure")]


REWRITE = (
    "python -c \"import json, tomllib; n = 'src/leadcli/data/{name}'; json.dump(tomllib.load("
    "open(n + '.toml', 'rb')), open(n + '.json', 'w', encoding='utf-8'), ensure_ascii=False, "
    'indent=1)"'
)


@pytest.mark.parametrize("name", ["categories", "places"])
def test_each_vocabulary_file_has_its_json_twin(name: str) -> None:
    """The TOML files are what people edit; the JSON twins are what leadcli reads."""
    import json
    import tomllib
    from pathlib import Path

    data = Path(vocabulary.__file__).with_name("data")
    toml = tomllib.loads((data / f"{name}.toml").read_text(encoding="utf-8"))
    twin = json.loads((data / f"{name}.json").read_text(encoding="utf-8"))
    assert twin == toml, (
        f"data/{name}.json differs from {name}.toml; write it again: " + REWRITE.format(name=name)
    )


TERMS_REWRITE = (
    'python -c "import json; from leadcli.rules.group import index_categories, '
    "category_terms_data; open('src/leadcli/data/category_terms.json', 'w', encoding='utf-8')"
    ".write(json.dumps(category_terms_data(index_categories()), ensure_ascii=False, "
    "separators=(',', ':')) + '\\n')\""
)


def test_the_stemmed_category_terms_are_those_of_the_vocabulary() -> None:
    """data/category_terms.json is every category's names and words, stemmed and indexed as
    ``index_categories`` does it: read as it is at each start, not stemmed again."""
    from leadcli.rules.group import _categories_index, index_categories

    assert _categories_index() == index_categories(), (
        "data/category_terms.json differs from the vocabulary (or the stemming changed); "
        "write it again: " + TERMS_REWRITE
    )
